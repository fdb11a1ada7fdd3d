using System;
using System.Collections.Immutable;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Rules;

/// <summary>
/// IMCS015: an IM callback handler (a lambda given to <c>AddTencentImCallbacks().On&lt;T&gt;(...)</c>) that blocks its
/// thread: <c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>, <c>Thread.Sleep</c>, or synchronous I/O
/// that has an asynchronous twin (<c>File.ReadAllText</c>, <c>Stream.Read</c>, <c>HttpClient.Send</c>...). Tencent waits
/// at most 2 s for a before-callback; the endpoint answers with the fallback reply when
/// <c>BeforeCallbackBudget</c> runs out, but only at an await: a handler blocked on its thread cannot be cut
/// off, and every blocked request holds a thread-pool thread while Tencent retries.
/// </summary>
// Run by ImCsGenAnalyzer (the dispatcher); no [DiagnosticAnalyzer] attribute so the compiler never runs it twice.
public sealed class BlockingCallbackHandlerAnalyzer : ImAnalyzer
{
    /// <summary>The rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.BlockingCallbackHandler,
        title: "IM callback handler blocks its thread",
        messageFormat: "'{0}' blocks the thread inside an IM callback handler: Tencent waits at most 2 s and the fallback reply can only cut in at an await; await the asynchronous version instead",
        category: DiagnosticCategories.Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Before-callbacks must answer within Tencent's 2 s. The endpoint's BeforeCallbackBudget sends the fallback reply when a handler overruns, which only works while the handler is awaiting. Blocking waits and synchronous I/O also starve the thread pool under Tencent's retries.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.BlockingCallbackHandler));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(RuleHub hub, ImContext im)
    {
        hub.OnImInvocation((c, invocation) =>
        {
            if (invocation.TargetMethod is not { Name: "On" } method || method.ContainingType.Name != "ImCallbackBuilder")
            {
                return;
            }

            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (ValueTracker.UnwrapConversions(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation handler })
                {
                    Walk(c, handler.Body);
                }
            }
        });
    }

    // The handler's own body only: a nested lambda or local function runs elsewhere (Task.Run, a timer...).
    private static void Walk(OperationAnalysisContext context, IOperation operation)
    {
        foreach (IOperation child in operation.ChildOperations)
        {
            if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                continue;
            }

            if (Blocking(child) is { } shown)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, child.Syntax.GetLocation(), shown));
            }

            Walk(context, child);
        }
    }

    private static string? Blocking(IOperation operation)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Property: { Name: "Result" } property } when IsTask(property.ContainingType):
                return "Result";
            case IInvocationOperation { TargetMethod: { } method }:
                INamedTypeSymbol type = method.ContainingType;
                string ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
                if (method.Name is "Wait" or "WaitAll" or "WaitAny" && IsTask(type))
                {
                    return type.Name + "." + method.Name;
                }

                if (method.Name == "GetResult" && type.Name.EndsWith("Awaiter", StringComparison.Ordinal) && ns == "System.Runtime.CompilerServices")
                {
                    return "GetAwaiter().GetResult()";
                }

                if (method.Name == "Sleep" && type.Name == "Thread" && ns == "System.Threading")
                {
                    return "Thread.Sleep";
                }

                // Synchronous I/O with an asynchronous twin on the same type (File.ReadAllText / ReadAllTextAsync...).
                if ((ns == "System.IO" || ns.StartsWith("System.Net", StringComparison.Ordinal)) && HasAsyncTwin(method))
                {
                    return type.Name + "." + method.Name;
                }

                return null;
            default:
                return null;
        }
    }

    private static bool HasAsyncTwin(IMethodSymbol method)
    {
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (!type.GetMembers(method.Name + "Async").IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTask(INamedTypeSymbol? type) =>
        type is { Name: "Task" or "ValueTask" } && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";
}
