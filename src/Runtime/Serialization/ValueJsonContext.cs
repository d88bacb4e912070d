using System.Text.Json.Serialization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Datasets.Ops;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Serialization;

/// <summary>
/// Compile-time metadata of the plain values configuration fields hold (numbers, strings, lists, coordinates, dataset
/// operations), for programs without a JIT; records with <c>init</c> members get <see cref="JsonContractAttribute"/>
/// contracts instead, which take precedence.
/// </summary>
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(double?))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(TimeSpan))]
[JsonSerializable(typeof(TimeSpan?))]
[JsonSerializable(typeof(Coordinate))]
[JsonSerializable(typeof(Coordinate?))]
[JsonSerializable(typeof(Roi))]
[JsonSerializable(typeof(Roi?))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<int>))]
[JsonSerializable(typeof(IReadOnlyList<int?>))]
[JsonSerializable(typeof(IReadOnlyList<double>))]
[JsonSerializable(typeof(IReadOnlyList<Coordinate>))]
[JsonSerializable(typeof(IReadOnlyList<ChannelSelector>))]
[JsonSerializable(typeof(IReadOnlyList<DatasetOp>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(Dataset))]
[JsonSerializable(typeof(Engine.WorkerConfig))]
[JsonSerializable(typeof(Graphs.GraphDatabaseConfig))]
internal sealed partial class ValueJsonContext : JsonSerializerContext;
