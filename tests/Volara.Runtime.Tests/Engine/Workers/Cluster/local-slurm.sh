#!/usr/bin/env bash
# A single-node Slurm (munge + slurmctld + slurmd) as plain background processes, everything under DIR;
# clients find it through SLURM_CONF=DIR/slurm.conf. Ports are given so that parallel clusters do not collide.
#   local-slurm.sh start DIR CTLD_PORT SLURMD_PORT     prints nothing on success; logs on failure
#   local-slurm.sh stop DIR                             ends what start started, by the pids in its pid files
set -euo pipefail
action=$1 root=$2
# The daemons run as root (slurmd starts jobs as the submitting user); munged as its own user.
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

stop() {
  for f in "$root/slurmd.pid" "$root/slurmctld.pid" "$root/munge/munged.pid"; do
    [ -s "$f" ] || continue
    p=$(cat "$f")
    $SUDO kill "$p" 2>/dev/null || continue
    for _ in $(seq 1 50); do $SUDO kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    $SUDO kill -0 "$p" 2>/dev/null && $SUDO kill -9 "$p" 2>/dev/null || true
  done
}

if [ "$action" = stop ]; then stop; exit 0; fi

ctld_port=$3 slurmd_port=$4
for tool in slurmctld slurmd munged mungekey sbatch; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "Slurm is not installed ($tool missing); scripts/install-deps.sh installs slurm-wlm and munge" >&2; exit 1; }
done
mkdir -p "$root"/{state,spool,log}
chmod 755 "$root"
# munged insists on a socket directory everyone may enter, owned by its own user.
$SUDO install -d -o munge -g munge -m 0755 "$root/munge"
$SUDO runuser -u munge -- /usr/sbin/mungekey --create --keyfile="$root/munge/munge.key"
$SUDO runuser -u munge -- /usr/sbin/munged --key-file="$root/munge/munge.key" --socket="$root/munge/munge.sock" \
  --pid-file="$root/munge/munged.pid" --log-file="$root/munge/munged.log" --seed-file="$root/munge/munged.seed"
host=$(hostname -s)
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/{print $2}' /proc/meminfo) / 1024 - 512 ))
cat > "$root/slurm.conf" <<CONF
ClusterName=volaratest
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$root/munge/munge.sock
StateSaveLocation=$root/state
SlurmdSpoolDir=$root/spool
SlurmctldPidFile=$root/slurmctld.pid
SlurmdPidFile=$root/slurmd.pid
SlurmctldLogFile=$root/log/slurmctld.log
SlurmdLogFile=$root/log/slurmd.log
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MailProg=/bin/true
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmdTimeout=30
InactiveLimit=0
KillWait=2
MinJobAge=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:8
CONF
export SLURM_CONF="$root/slurm.conf"
$SUDO env SLURM_CONF="$SLURM_CONF" /usr/sbin/slurmctld -i
$SUDO env SLURM_CONF="$SLURM_CONF" /usr/sbin/slurmd
# A dead controller makes client calls hang for seconds, hence the timeouts.
for _ in $(seq 1 240); do
  timeout 5 sinfo -h -o %T 2>/dev/null | grep -Eqx 'idle|mixed|allocated' && exit 0
  sleep 0.5
done
echo "Slurm did not come up within 2 minutes" >&2
tail -n 20 "$root"/log/*.log >&2 || true
stop
exit 1
