using Microsoft.CodeAnalysis.Diagnostics;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>
/// Base of every ImCsGen rule. A rule subscribes to the <see cref="RuleHub"/>; it never registers Roslyn actions
/// itself. The compiler loads only <see cref="ImCsGenAnalyzer"/>, which runs every rule through one hub. A rule
/// can still run alone (tests, or a host that wants one rule): then it gets a hub of its own. Either way nothing
/// is registered unless the compilation references the ImCsGen runtime (its <c>ImEndpointAttribute</c>).
/// </summary>
public abstract class ImAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            ImContext? im = ImContext.For(start.Compilation);
            if (im is null)
            {
                return;
            }

            var hub = new RuleHub(im, start.Options);
            Register(hub, im);
            hub.Commit(start);
        });
    }

    internal abstract void Register(RuleHub hub, ImContext im);
}
