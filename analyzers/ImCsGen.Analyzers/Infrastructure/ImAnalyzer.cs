using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>
/// Base of every ImCsGen rule: concurrent, silent on generated code, and registering nothing at all
/// unless the compilation references the ImCsGen runtime (its <c>ImEndpointAttribute</c>).
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

            Register(start, im);
        });
    }

    internal abstract void Register(CompilationStartAnalysisContext start, ImContext im);

    /// <summary>Calls <paramref name="action"/> for every assignment to a property (initializers and statements alike).</summary>
    internal static void RegisterPropertyAssignments(
        CompilationStartAnalysisContext start,
        System.Action<OperationAnalysisContext, IPropertySymbol, IOperation> action)
    {
        start.RegisterOperationAction(
            c =>
            {
                var assignment = (ISimpleAssignmentOperation)c.Operation;
                if (assignment.Target is IPropertyReferenceOperation target)
                {
                    action(c, target.Property, assignment.Value);
                }
            },
            OperationKind.SimpleAssignment);
    }
}
