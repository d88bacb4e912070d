namespace Volara.Runtime.Dsl.Description;

/// <summary>One configuration field of a task: a public property as a configuration file names it.</summary>
/// <param name="Name">The configuration name (snake_case, or the property's JSON name).</param>
/// <param name="Property">The C# property.</param>
/// <param name="Type">The property's type.</param>
/// <param name="Role">What the field is to the task.</param>
/// <param name="Get">Reads the field of a task of the described class.</param>
public sealed record FieldDescriptor(string Name, string Property, Type Type, FieldRole Role, Func<object, object?> Get)
{
    /// <summary>Declared <c>required</c>: a configuration must give it.</summary>
    public bool Required { get; init; }

    /// <summary>The property's type is nullable: null is a valid value.</summary>
    public bool Nullable { get; init; }

    /// <summary>For list fields: null entries are valid.</summary>
    public bool ItemsNullable { get; init; }

    /// <summary>The property's documentation summary, as plain text.</summary>
    public string? Description { get; init; }

    /// <summary>The default as JSON text, when the property's initializer is a literal.</summary>
    public string? Default { get; init; }

    /// <summary>For inputs and outputs: the dataset they read or write.</summary>
    public PortDescriptor? Port { get; init; }
}
