using Microsoft.CodeAnalysis;
using Volara.Generators.Model;

namespace Volara.Generators.Rules
{
    /// <summary>A parameter checked against another property (<c>[OffsetsOf]</c>, <c>[PerOffset]</c>, <c>[EdgeAttributesOf]</c>).</summary>
    internal sealed class DeclaredLink
    {
        public DeclaredLink(ParameterCheckKind kind, IPropertySymbol property, IPropertySymbol target)
        {
            Kind = kind;
            Property = property;
            Target = target;
        }

        public ParameterCheckKind Kind { get; }

        public IPropertySymbol Property { get; }

        public IPropertySymbol Target { get; }
    }
}
