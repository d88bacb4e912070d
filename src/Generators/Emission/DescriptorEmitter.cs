using System.Linq;
using Volara.Generators.Model;
using static Volara.Generators.Emission.CSharpText;

namespace Volara.Generators.Emission
{
    /// <summary>
    /// Writes a task class's descriptor (its fields, ports, links and geometry members), its JSON contract built from
    /// <c>JsonMetadataServices</c> (no reflection), the module initializer that registers it, and <c>ToConfig</c>.
    /// </summary>
    internal static class DescriptorEmitter
    {
        private const string Description = "global::Volara.Runtime.Dsl.Description";
        private const string CompilerServices = "global::System.Runtime.CompilerServices";
        private const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"Volara.Generators\", \"1.0.0\")]";

        public static void Write(IndentedWriter writer, TaskModel task)
        {
            string self = SelfType(task);
            writer.Line("/// <summary>Everything known about this task class: fields, ports, links, geometry and JSON contract.</summary>");
            writer.Line(GeneratedCode);
            writer.Line($"public static {Description}.TaskDescriptor Descriptor {{ get; }} = __CreateDescriptor();").Line();

            writer.Line(GeneratedCode).Line($"[{CompilerServices}.ModuleInitializer]");
            writer.Open("internal static void __RegisterDescriptor()");
            writer.Line($"{Description}.TaskCatalog.Add(Descriptor);");
            var typedDatasets = task.Fields.Select(field => (field.TypeOf, Untyped: TypedDatasetOf(task, field))).Where(pair => pair.Untyped is not null).Distinct();
            foreach (var (typed, untyped) in typedDatasets)
            {
                writer.Line($"global::Volara.Runtime.Dsl.Support.DslJson.RegisterTypedDataset<{typed}, {untyped}>();");
            }

            writer.Close().Line();

            writer.Line("/// <summary>The task's configuration: <c>task_type</c>, then its fields.</summary>");
            writer.Line(GeneratedCode);
            writer.Line($"public override global::System.Text.Json.Nodes.JsonObject? ToConfig() => Descriptor.ToConfig(this);").Line();

            writer.Line("/// <summary>A configuration field's default as JSON text, where the class declares one.</summary>");
            writer.Line(GeneratedCode);
            writer.Line("public override string? ConfigDefault(string field) => Descriptor.Field(field)?.Default;").Line();

            WriteCreateDescriptor(writer, task, self);
            JsonContractEmitter.Write(writer, self, task.Fields, field => TypedDatasetOf(task, field) is { } untyped
                ? $"global::Volara.Runtime.Dsl.Support.DslJson.TypedDataset<{field.Type}, {field.TypeOf}, {untyped}>()"
                : null);
        }

        private static void WriteCreateDescriptor(IndentedWriter writer, TaskModel task, string self)
        {
            writer.Open($"private static {Description}.TaskDescriptor __CreateDescriptor()");
            writer.Open($"var fields = new {Description}.FieldDescriptor[]");
            foreach (var field in task.Fields)
            {
                WriteField(writer, task, field, self);
            }

            writer.Close(";");
            writer.Open($"return new {Description}.TaskDescriptor(\"{Escape(task.TaskType)}\", typeof({self}), fields, __CreateJsonTypeInfo)");
            if (task.Summary is { } summary)
            {
                writer.Line($"Summary = {Literal(summary)},");
            }

            if (task.ParameterChecks.Count > 0)
            {
                writer.Open("Links = new[]");
                foreach (var check in task.ParameterChecks)
                {
                    string kind = check.Kind switch
                    {
                        ParameterCheckKind.OffsetsOf => "OffsetsOf",
                        ParameterCheckKind.EdgeAttributesOf => "EdgeAttributesOf",
                        _ => "PerOffset",
                    };
                    writer.Line($"new {Description}.FieldLink({Description}.FieldLinkKind.{kind}, \"{Escape(check.Field)}\", \"{Escape(check.TargetField)}\"),");
                }

                writer.Close(",");
            }

            foreach (var (name, setting) in new[] { ("BlockSizeField", task.BlockSize), ("ContextField", task.Context), ("WriteRoiField", task.WriteRoi) })
            {
                if (setting is not null && task.Fields.Any(field => field.Property == setting.Property))
                {
                    writer.Line($"{name} = \"{Escape(setting.Field)}\",");
                }
            }

            writer.Line($"Fit = global::Volara.Runtime.Engine.BlockFit.{task.Fit},");
            writer.Line($"ReadWriteConflict = {Bool(task.ReadWriteConflict)},");
            writer.Line($"WholeRoi = {Bool(task.WholeRoi)},");
            if (task.OverlapIo)
            {
                writer.Line("BlocksInFlight = global::Volara.Runtime.Engine.Execution.BlockPipeline.Slots,");
            }
            writer.Close(";");
            writer.Close().Line();
        }

        private static void WriteField(IndentedWriter writer, TaskModel task, FieldModel field, string self)
        {
            writer.Open($"new {Description}.FieldDescriptor(\"{Escape(field.Field)}\", \"{field.Property}\", typeof({field.TypeOf}), {Description}.FieldRole.{field.Role}, static task => (({self})task).{field.Property})");
            if (field.Required)
            {
                writer.Line("Required = true,");
            }

            if (field.Nullable)
            {
                writer.Line("Nullable = true,");
            }

            if (field.ItemsNullable)
            {
                writer.Line("ItemsNullable = true,");
            }

            if (field.Description is { } description)
            {
                writer.Line($"Description = {Literal(description)},");
            }

            if (field.Default is { } defaultValue)
            {
                writer.Line($"Default = {Literal(defaultValue)},");
            }

            if (PortOf(task, field) is { } port)
            {
                writer.Line($"Port = {port},");
            }

            writer.Close(",");
        }

        /// <summary>The <c>PortDescriptor</c> expression of a port field, or null for other fields.</summary>
        private static string? PortOf(TaskModel task, FieldModel field)
        {
            if (field.DatasetKind is { } datasetKind)
            {
                string kind = datasetKind == "dataset" ? "null" : $"\"{datasetKind}\"";
                return $"new {Description}.PortDescriptor({kind}, null, {TaskEmitter.Kinds(Rules.DeclaredPort.AnyKind)}) {{ IsOutput = {Bool(field.Writes)} }}";
            }

            foreach (var (port, isOutput) in task.Inputs.Select(p => (p, false)).Concat(task.Outputs.Select(p => (p, true))))
            {
                if (port.Property != field.Property)
                {
                    continue;
                }

                string element = port.Stored || port.List ? "null" : $"typeof({port.ElementType})";
                string kind = port.List ? "null" : $"\"{port.Kind}\"";
                return $"new {Description}.PortDescriptor({kind}, {element}, {TaskEmitter.Kinds(port.Requires)}, SpatialOnly: {Bool(port.SpatialOnly)}, List: {Bool(port.List)}) {{ IsOutput = {Bool(isOutput)} }}";
            }

            return null;
        }

        /// <summary>The untyped dataset class of a typed dataset port (<c>Raw&lt;float&gt;</c> → <c>Raw</c>), or null for other fields.</summary>
        private static string? TypedDatasetOf(TaskModel task, FieldModel field)
        {
            foreach (var port in task.Inputs.Concat(task.Outputs))
            {
                if (port.Property == field.Property && !port.List && port.Kind.Length > 0)
                {
                    return "global::Volara.Runtime.Datasets." + char.ToUpperInvariant(port.Kind[0]) + port.Kind.Substring(1);
                }
            }

            return null;
        }

        private static string SelfType(TaskModel task) =>
            "global::" + (task.Namespace.Length == 0 ? task.ClassName : task.Namespace + "." + task.ClassName);
    }
}
