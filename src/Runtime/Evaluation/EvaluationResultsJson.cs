using System.Text.Json.Serialization;

namespace Volara.Runtime.Evaluation;

/// <summary>The JSON contract of <see cref="EvaluationResults"/> (snake_case, indented), generated at compile time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    WriteIndented = true)]
[JsonSerializable(typeof(EvaluationResults))]
internal sealed partial class EvaluationResultsJson : JsonSerializerContext;
