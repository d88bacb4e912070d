namespace Volara.Runtime.Dsl;

/// <summary>Families of element types an input may require (see <see cref="InputAttribute.Requires"/>).</summary>
[System.Flags]
public enum ElementKinds
{
    SignedInteger = 1,
    UnsignedInteger = 2,
    FloatingPoint = 4,
    Boolean = 8,
    Integer = SignedInteger | UnsignedInteger,
    Any = Integer | FloatingPoint | Boolean,
}
