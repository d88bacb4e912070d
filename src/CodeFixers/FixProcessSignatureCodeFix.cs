using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Volara.Analyzers;
using Volara.Generators.Rules;

namespace Volara.CodeFixers;

/// <summary>
/// VOL0003: rewrites Process's return type and parameter list to what the ports call for. Parameter names are kept
/// when the count is right (the body uses them); otherwise each is named after its port.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FixProcessSignatureCodeFix))]
[Shared]
public sealed class FixProcessSignatureCodeFix : VolaraCodeFix
{
    public FixProcessSignatureCodeFix()
        : base(DiagnosticIds.ProcessSignatureMismatch, "Match Process to the task's ports")
    {
    }

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span) is not { } node || node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
        {
            return;
        }

        Offer(context, context.Diagnostics, token => FixAsync(context.Document, method, token));
    }

    private static async Task<Document> FixAsync(Document document, MethodDeclarationSyntax method, CancellationToken token)
    {
        var model = await document.GetSemanticModelAsync(token).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(token).ConfigureAwait(false);
        if (model is null || root is null
            || model.GetDeclaredSymbol(method, token)?.ContainingType is not { } task
            || DslTypes.From(model.Compilation) is not { } types
            || types.TaskAttributeOf(task) is not { } attribute
            || TaskDeclaration.Read(task, attribute, token).Process is not { } expected)
        {
            return document;
        }

        var position = method.SpanStart;
        var typeTexts = expected.Parameters.Select(parameter => TypeText(parameter, types, type => type.ToMinimalDisplayString(model, position))).ToArray();
        var names = ParameterNames(method.ParameterList.Parameters, typeTexts, expected.Parameters.Select(parameter => parameter.Name).ToArray());
        var parameters = typeTexts
            .Select((type, i) => SyntaxFactory.Parameter(SyntaxFactory.Identifier(names[i]))
                .WithType(SyntaxFactory.ParseTypeName(type).WithTrailingTrivia(SyntaxFactory.Space)));
        var fixedMethod = method
            .WithReturnType(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.VoidKeyword)).WithTriviaFrom(method.ReturnType))
            .WithParameterList(method.ParameterList.WithParameters(SyntaxFactory.SeparatedList(parameters, Enumerable.Repeat(
                SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), System.Math.Max(0, names.Length - 1)))));
        fixedMethod = expected.IsGeneric ? WithStoredTypeParameter(fixedMethod) : fixedMethod.WithTypeParameterList(null).WithConstraintClauses(default);
        return document.WithSyntaxRoot(root.ReplaceNode(method, fixedMethod));
    }

    /// <summary>
    /// A name for each expected parameter that stays true to its port (the body refers to the names): an existing
    /// parameter named after the port, else one of exactly the expected type (so a name moves with its type when
    /// parameters were out of order), else the one in its position when the count was right and that name belongs to no
    /// other port, else the port's own name.
    /// </summary>
    private static string[] ParameterNames(SeparatedSyntaxList<ParameterSyntax> existing, string[] types, string[] suggested)
    {
        var names = new string?[types.Length];
        var used = new bool[existing.Count];
        bool Claim(int slot, System.Func<ParameterSyntax, bool> fits)
        {
            for (int j = 0; j < existing.Count; j++)
            {
                if (!used[j] && fits(existing[j]))
                {
                    used[j] = true;
                    names[slot] = existing[j].Identifier.ValueText;
                    return true;
                }
            }

            return false;
        }

        for (int i = 0; i < types.Length; i++)
        {
            Claim(i, p => string.Equals(p.Identifier.ValueText, suggested[i], System.StringComparison.OrdinalIgnoreCase));
        }

        for (int i = 0; i < types.Length; i++)
        {
            if (names[i] is null)
            {
                Claim(i, p => p.Type is { } type && Normalized(type.ToString()) == Normalized(types[i]));
            }
        }

        for (int i = 0; i < types.Length; i++)
        {
            if (names[i] is null && existing.Count == types.Length && !used[i]
                && !suggested.Any(name => string.Equals(name, existing[i].Identifier.ValueText, System.StringComparison.OrdinalIgnoreCase)))
            {
                used[i] = true;
                names[i] = existing[i].Identifier.ValueText;
            }
        }

        return names.Select((name, i) => name ?? suggested[i]).ToArray();
    }

    /// <summary>The parameter's type as the file would write it (its usings considered); a <c>Stored</c> tensor is over <c>T</c>.</summary>
    private static string TypeText(ProcessParameter parameter, DslTypes types, System.Func<ITypeSymbol, string> display)
    {
        var symbol = parameter.Kind switch
        {
            ProcessParameterKind.Block => types.Block,
            ProcessParameterKind.ArrayList => types.ArrayList,
            ProcessParameterKind.WorkerState => parameter.Type,
            _ when parameter.Type is null => null,
            ProcessParameterKind.InputTensor => types.ReadOnlyTensorSpan?.Construct(parameter.Type),
            _ => types.TensorSpan?.Construct(parameter.Type),
        };
        return symbol is null ? parameter.Text(display) : display(symbol);
    }

    private static string Normalized(string typeText) => new(typeText.Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary><c>Process&lt;T&gt;(…) where T : unmanaged, INumber&lt;T&gt;</c>, keeping the name of an existing single type parameter.</summary>
    private static MethodDeclarationSyntax WithStoredTypeParameter(MethodDeclarationSyntax method)
    {
        var constraint = SyntaxFactory.TypeParameterConstraintClause(
                SyntaxFactory.IdentifierName("T"),
                SyntaxFactory.SeparatedList<TypeParameterConstraintSyntax>(new[]
                {
                    SyntaxFactory.TypeConstraint(SyntaxFactory.IdentifierName("unmanaged")),
                    SyntaxFactory.TypeConstraint(SyntaxFactory.ParseTypeName("global::System.Numerics.INumber<T>").WithAdditionalAnnotations(Simplifier.Annotation)),
                }))
            .NormalizeWhitespace()
            .WithLeadingTrivia(SyntaxFactory.Space);
        return method
            .WithTypeParameterList(SyntaxFactory.TypeParameterList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.TypeParameter("T"))))
            .WithParameterList(method.ParameterList.WithTrailingTrivia())
            .WithConstraintClauses(SyntaxFactory.SingletonList(constraint.WithTrailingTrivia(method.ParameterList.GetTrailingTrivia())));
    }
}
