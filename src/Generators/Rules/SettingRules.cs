using System.Linq;
using Microsoft.CodeAnalysis;

namespace Volara.Generators.Rules
{
    /// <summary>The types a <c>[BlockSize]</c>, <c>[Context]</c> and <c>[WriteRoi]</c> property may have.</summary>
    internal static class SettingRules
    {
        public static bool IsBlockSize(ITypeSymbol type) => type.ToDisplayString() == KnownNames.Coordinate;

        /// <summary><c>Coordinate</c>, <c>Coordinate?</c>, or <c>(Coordinate Low, Coordinate High)</c>: a context that differs below and above each block.</summary>
        public static bool IsContext(ITypeSymbol type) =>
            Unwrapped(type).ToDisplayString() == KnownNames.Coordinate
            || type is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.Length == 2
                && tuple.TupleElements.All(element => element.Type.ToDisplayString() == KnownNames.Coordinate);

        public static bool IsWriteRoi(ITypeSymbol type) => Unwrapped(type).ToDisplayString() == KnownNames.Roi;

        private static ITypeSymbol Unwrapped(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper ? wrapper.TypeArguments[0] : type;
    }
}
