#!/usr/bin/env python3
"""Marks version requirements of an ELF64 little-endian shared object as weak.

glibc's loader refuses a library whose .gnu.version_r asks for a symbol version the system lacks, unless that
requirement carries VER_FLG_WEAK. TorchSharp's glue library was linked against a newer libstdc++ than Debian 12
ships, for a marker symbol nothing relocates against; flagging that one requirement weak lets it load.

Usage: weaken-verneed.py LIBRARY VERSION...   (idempotent; prints what it changed)
"""
import os
import struct
import sys

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def read_string(data, table_offset, offset):
    start = table_offset + offset
    return data[start:data.index(b"\0", start)].decode("ascii")


def weaken(data, versions):
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise SystemExit("not an ELF64 little-endian file")
    section_offset, = struct.unpack_from("<Q", data, 0x28)
    entry_size, count = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, section_offset + i * entry_size) for i in range(count)]
    changed = []
    for _, kind, _, _, offset, _, link, entries, _, _ in sections:
        if kind != SHT_GNU_VERNEED:
            continue
        strings = sections[link][4]
        need = offset
        for _ in range(entries):
            _, aux_count, file_name, aux_offset, next_need = struct.unpack_from("<HHIII", data, need)
            aux = need + aux_offset
            for _ in range(aux_count):
                _, flags, _, name, next_aux = struct.unpack_from("<IHHII", data, aux)
                version = read_string(data, strings, name)
                if version in versions and not flags & VER_FLG_WEAK:
                    struct.pack_into("<H", data, aux + 4, flags | VER_FLG_WEAK)
                    changed.append(f"{read_string(data, strings, file_name)} {version}")
                aux += next_aux
            if next_need == 0:
                break
            need += next_need
    return changed


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    path, versions = sys.argv[1], set(sys.argv[2:])
    with open(path, "rb") as file:
        data = bytearray(file.read())
    changed = weaken(data, versions)
    if changed:
        # Write beside the file and rename, so a build interrupted here never leaves a half-written library.
        temporary = path + ".weakening"
        with open(temporary, "wb") as file:
            file.write(data)
        os.chmod(temporary, os.stat(path).st_mode)
        os.replace(temporary, path)
    for entry in changed:
        print(f"{path}: {entry} marked weak")


if __name__ == "__main__":
    main()
