using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>
/// The dispatcher: rules subscribe here during compilation start, and the hub registers one Roslyn action per
/// operation kind for all of them, with a cheap early exit (a cached "is this an IM type/method?" lookup) before
/// any rule runs. Fourteen rules therefore cost one walk, not fourteen.
/// </summary>
internal sealed class RuleHub
{
    private readonly List<Action<OperationAnalysisContext, FieldWrite>> _fieldWrites = new();
    private readonly List<Action<OperationAnalysisContext, IPropertySymbol, IOperation>> _propertyWrites = new();
    private readonly List<Action<OperationAnalysisContext, IArgumentOperation, IMethodSymbol>> _arguments = new();
    private readonly List<Action<OperationAnalysisContext, IObjectCreationOperation, ImEndpointInfo>> _requestCreations = new();
    private readonly List<Action<OperationAnalysisContext, IInvocationOperation>> _invocations = new();
    private readonly List<Action<AdditionalFileAnalysisContext>> _additionalFiles = new();

    public RuleHub(ImContext im, AnalyzerOptions options)
    {
        Im = im;
        Options = options;
    }

    public ImContext Im { get; }

    public AnalyzerOptions Options { get; }

    /// <summary>A value given to an <c>[ImField]</c> property (assignment, initializer) or helper parameter (argument).</summary>
    public void OnFieldWrite(Action<OperationAnalysisContext, FieldWrite> action) => _fieldWrites.Add(action);

    /// <summary>An assignment to any property of an IM type (options included), with or without <c>[ImField]</c>.</summary>
    public void OnPropertyWrite(Action<OperationAnalysisContext, IPropertySymbol, IOperation> action) => _propertyWrites.Add(action);

    /// <summary>An argument of an ImCsGen method or of a helper with <c>[ImField]</c> parameters.</summary>
    public void OnImArgument(Action<OperationAnalysisContext, IArgumentOperation, IMethodSymbol> action) => _arguments.Add(action);

    /// <summary>The creation of a request type carrying <c>[ImEndpoint]</c>.</summary>
    public void OnRequestCreation(Action<OperationAnalysisContext, IObjectCreationOperation, ImEndpointInfo> action) => _requestCreations.Add(action);

    /// <summary>A call to an ImCsGen method.</summary>
    public void OnImInvocation(Action<OperationAnalysisContext, IInvocationOperation> action) => _invocations.Add(action);

    public void OnAdditionalFile(Action<AdditionalFileAnalysisContext> action) => _additionalFiles.Add(action);

    /// <summary>Registers the shared actions; kinds nobody subscribed to are not registered at all.</summary>
    public void Commit(CompilationStartAnalysisContext start)
    {
        if (_fieldWrites.Count > 0 || _propertyWrites.Count > 0)
        {
            start.RegisterOperationAction(OnAssignment, OperationKind.SimpleAssignment);
        }

        if (_fieldWrites.Count > 0 || _arguments.Count > 0)
        {
            start.RegisterOperationAction(OnArgument, OperationKind.Argument);
        }

        if (_requestCreations.Count > 0)
        {
            start.RegisterOperationAction(OnCreation, OperationKind.ObjectCreation);
        }

        if (_invocations.Count > 0)
        {
            start.RegisterOperationAction(OnInvocation, OperationKind.Invocation);
        }

        if (_additionalFiles.Count > 0)
        {
            start.RegisterAdditionalFileAction(c =>
            {
                foreach (var action in _additionalFiles)
                {
                    action(c);
                }
            });
        }
    }

    private void OnAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { } property } || !Im.IsImType(property.ContainingType))
        {
            return; // the early exit every assignment in the project takes
        }

        foreach (var action in _propertyWrites)
        {
            action(context, property, assignment.Value);
        }

        if (_fieldWrites.Count > 0 && Im.GetField(property) is { } info)
        {
            var write = new FieldWrite(Im, property, info, assignment.Value, Im.GetEndpoint(property.ContainingType));
            foreach (var action in _fieldWrites)
            {
                action(context, write);
            }
        }
    }

    private void OnArgument(OperationAnalysisContext context)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Parameter is not { ContainingSymbol: IMethodSymbol method } parameter || !Im.IsImMethod(method))
        {
            return;
        }

        foreach (var action in _arguments)
        {
            action(context, argument, method);
        }

        // Default values of omitted optional parameters are the library's, not the user's.
        if (_fieldWrites.Count > 0 && argument.ArgumentKind == ArgumentKind.Explicit && Im.GetField(parameter) is { } info)
        {
            var write = new FieldWrite(Im, parameter, info, argument.Value, Im.GetEndpoint(method));
            foreach (var action in _fieldWrites)
            {
                action(context, write);
            }
        }
    }

    private void OnCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol type || Im.GetEndpoint(type) is not { } endpoint)
        {
            return;
        }

        foreach (var action in _requestCreations)
        {
            action(context, creation, endpoint);
        }
    }

    private void OnInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!ImSymbols.IsInImCsGenNamespace(invocation.TargetMethod))
        {
            return;
        }

        foreach (var action in _invocations)
        {
            action(context, invocation);
        }
    }
}
