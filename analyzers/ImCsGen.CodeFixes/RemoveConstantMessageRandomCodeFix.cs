using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using ImCsGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ImCsGen.CodeFixes;

/// <summary>
/// IMCS011: removes the constant MsgRandom assignment, so the client assigns a fresh random once per
/// logical call (and keeps it on retries).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveConstantMessageRandomCodeFix)), Shared]
public sealed class RemoveConstantMessageRandomCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.ConstantMessageRandom);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .AncestorsAndSelf().OfType<AssignmentExpressionSyntax>().FirstOrDefault() is not { } assignment)
            {
                continue;
            }

            // In an object initializer the assignment itself goes; as a statement the whole statement goes.
            SyntaxNode? toRemove = assignment.Parent switch
            {
                InitializerExpressionSyntax => assignment,
                ExpressionStatementSyntax statement => statement,
                _ => null,
            };
            if (toRemove is null)
            {
                continue;
            }

            diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.PropertyName, out string? name);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove the constant " + (name ?? "random") + " (the client fills it per call)",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.RemoveNode(toRemove, SyntaxRemoveOptions.KeepNoTrivia)!)),
                    equivalenceKey: nameof(RemoveConstantMessageRandomCodeFix)),
                diagnostic);
        }
    }
}
