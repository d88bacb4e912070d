using Microsoft.CodeAnalysis;

namespace Volara.Generators.Rules
{
    /// <summary>An <c>[Input]</c> or <c>[Output]</c> property as the rules read it.</summary>
    internal sealed class DeclaredPort
    {
        /// <summary>The value of <c>ElementKinds.Any</c>: no requirement.</summary>
        public const int AnyKind = 15;

        public DeclaredPort(IPropertySymbol property, bool isInput, ITypeSymbol? element, bool list, bool spatialOnly, int requires)
        {
            Property = property;
            IsInput = isInput;
            Element = element;
            List = list;
            SpatialOnly = spatialOnly;
            Requires = requires;
        }

        public IPropertySymbol Property { get; }

        public bool IsInput { get; }

        /// <summary>The <c>T</c> of <c>Raw&lt;T&gt;</c>, …; null for a list output and for a port that is not a typed dataset.</summary>
        public ITypeSymbol? Element { get; }

        /// <summary>An output declared as a list of datasets.</summary>
        public bool List { get; }

        public bool SpatialOnly { get; }

        /// <summary>For inputs: the <c>ElementKinds</c> flags of <c>[Input(Requires = …)]</c>.</summary>
        public int Requires { get; }

        /// <summary>A nullable property: a port that may be left unconfigured.</summary>
        public bool Optional => Property.NullableAnnotation == NullableAnnotation.Annotated;

        /// <summary>Declared with the <c>Stored</c> marker: read or written in the stored type.</summary>
        public bool Stored => Element?.ToDisplayString() == KnownNames.Stored;

        /// <summary>A typed dataset, or a list output: a port the generator can complete.</summary>
        public bool Typed => Element is not null || List;
    }
}
