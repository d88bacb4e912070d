using System;
using System.Linq;
using Volara.Generators.Model;
using static Volara.Generators.Emission.CSharpText;

namespace Volara.Generators.Emission
{
    /// <summary>
    /// Writes a class's System.Text.Json contract from its fields with <c>JsonMetadataServices</c>: the object made by
    /// its parameterless constructor, every field set through its own accessor (<c>init</c> ones through
    /// <c>UnsafeAccessor</c>), so a field a file leaves out keeps its initial value. No reflection.
    /// </summary>
    internal static class JsonContractEmitter
    {
        private const string Metadata = "global::System.Text.Json.Serialization.Metadata";
        private const string Options = "global::System.Text.Json.JsonSerializerOptions";
        private const string CompilerServices = "global::System.Runtime.CompilerServices";

        /// <param name="specialConverter">The converter expression a field needs beyond its <c>[JsonConverter]</c>, or null.</param>
        public static void Write(IndentedWriter writer, string self, EquatableArray<FieldModel> fields, Func<FieldModel, string?> specialConverter)
        {
            writer.Line("/// <summary>The JSON contract of this class: its fields by configuration name, set through their accessors.</summary>");
            writer.Open($"private static {Metadata}.JsonTypeInfo __CreateJsonTypeInfo({Options} options)");
            writer.Open($"if (global::Volara.Runtime.Serialization.JsonContracts.ConvertedByOptions<{self}>(options) is {{ }} converted)");
            writer.Line("return converted;");
            writer.Close().Line();
            writer.Open($"var values = new {Metadata}.JsonObjectInfoValues<{self}>");
            writer.Line("ObjectCreator = static () => __New(),");
            writer.Line("PropertyMetadataInitializer = _ => __JsonProperties(options),");
            writer.Close(";");
            writer.Line($"return {Metadata}.JsonMetadataServices.CreateObjectInfo<{self}>(options, values);");
            writer.Close().Line();

            writer.Open($"private static {Metadata}.JsonPropertyInfo[] __JsonProperties({Options} options)");
            writer.Line($"var properties = new {Metadata}.JsonPropertyInfo[{fields.Count}];");
            for (int i = 0; i < fields.Count; i++)
            {
                var field = fields[i];
                string owner = field.DeclaringType;
                writer.Open($"properties[{i}] = {Metadata}.JsonMetadataServices.CreatePropertyInfo<{field.Type}>(options, new {Metadata}.JsonPropertyInfoValues<{field.Type}>");
                writer.Line("IsProperty = true,").Line("IsPublic = true,");
                writer.Line($"IsVirtual = {(owner != self ? "true" : "false")},");
                writer.Line($"DeclaringType = typeof({owner}),");
                if (specialConverter(field) is { } special)
                {
                    writer.Line($"Converter = {special},");
                }
                else if (field.Converter is { } converter)
                {
                    writer.Line($"Converter = global::Volara.Runtime.Serialization.JsonContracts.Converter<{field.Type}>(new {converter}(), options),");
                }

                writer.Line($"Getter = static value => (({owner})value).{field.Property},");
                writer.Line(field.InitOnly
                    ? $"Setter = static (target, value) => __Set{field.Property}(({owner})target, value!),"
                    : $"Setter = static (target, value) => (({owner})target).{field.Property} = value!,");
                if (field.IgnoreCondition is { } condition)
                {
                    writer.Line($"IgnoreCondition = global::System.Text.Json.Serialization.JsonIgnoreCondition.{condition},");
                }

                writer.Line($"PropertyName = \"{field.Property}\",");
                writer.Line($"JsonPropertyName = \"{Escape(field.Field)}\",");
                writer.Close(");");
                if (field.Required)
                {
                    writer.Line($"properties[{i}].IsRequired = true;");
                }
            }

            writer.Line("return properties;");
            writer.Close().Line();

            // init accessors and required members can only be used from an object initializer; the contract sets fields one by one.
            writer.Line($"[{CompilerServices}.UnsafeAccessor({CompilerServices}.UnsafeAccessorKind.Constructor)]");
            writer.Line($"private static extern {self} __New();");
            foreach (var field in fields.Where(field => field.InitOnly))
            {
                writer.Line();
                writer.Line($"[{CompilerServices}.UnsafeAccessor({CompilerServices}.UnsafeAccessorKind.Method, Name = \"set_{field.Property}\")]");
                writer.Line($"private static extern void __Set{field.Property}({field.DeclaringType} target, {field.Type} value);");
            }
        }
    }
}
