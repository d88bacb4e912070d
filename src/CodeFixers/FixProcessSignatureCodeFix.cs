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
            || TaskPorts.Of(task, types) is not { } ports)
        {
            return document;
        }

        var position = method.SpanStart;
        var names = method.ParameterList.Parameters.Count == ports.ExpectedParameters.Length
            ? method.ParameterList.Parameters.Select(p => p.Identifier.ValueText).ToArray()
            : ports.SuggestedParameterNames().ToArray();
        var parameters = ports.ParameterTypeTexts(type => type.ToMinimalDisplayString(model, position))
            .Select((type, i) => SyntaxFactory.Parameter(SyntaxFactory.Identifier(names[i]))
                .WithType(SyntaxFactory.ParseTypeName(type).WithTrailingTrivia(SyntaxFactory.Space)));
        var fixedMethod = method
            .WithReturnType(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.VoidKeyword)).WithTriviaFrom(method.ReturnType))
            .WithParameterList(method.ParameterList.WithParameters(SyntaxFactory.SeparatedList(parameters, Enumerable.Repeat(
                SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), System.Math.Max(0, names.Length - 1)))));
        fixedMethod = ports.IsGeneric ? WithStoredTypeParameter(fixedMethod) : fixedMethod.WithTypeParameterList(null).WithConstraintClauses(default);
        return document.WithSyntaxRoot(root.ReplaceNode(method, fixedMethod));
    }

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
