using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>
/// The dispatcher: rules subscribe here during compilation start, and the hub registers one Roslyn action per
/// operation kind for all of them, with a cheap early exit (a cached "is this an IM type/method?" lookup) before
/// any rule runs. Fifteen rules therefore cost one walk, not fifteen. Three operation kinds are registered
/// (assignment, object creation, invocation); the arguments of calls and creations are read from their parent, so
/// the project's many arguments cost no callback of their own.
/// </summary>
internal sealed class RuleHub
{
    private readonly List<(Func<ImFieldInfo, bool> Wants, Action<OperationAnalysisContext, FieldWrite> Action)> _fieldWrites = new();

    // Per field (ImFieldInfo is one object per property or parameter of this compilation): the field-write subscribers
    // whose filter accepts it. Most fields interest two or three of the twelve, and a field nobody checks costs no
    // FieldWrite at all.
    private readonly ConcurrentDictionary<ImFieldInfo, Action<OperationAnalysisContext, FieldWrite>[]> _fieldWriteActions = new();
    private readonly Func<ImFieldInfo, Action<OperationAnalysisContext, FieldWrite>[]> _selectFieldWriteActions;
    private readonly List<Action<OperationAnalysisContext, IPropertySymbol, IOperation>> _propertyWrites = new();
    private readonly List<Action<OperationAnalysisContext, IArgumentOperation, IMethodSymbol>> _arguments = new();
    private readonly List<Action<OperationAnalysisContext, IObjectCreationOperation, ImEndpointInfo>> _requestCreations = new();
    private readonly List<Action<OperationAnalysisContext, IInvocationOperation>> _invocations = new();
    private readonly List<Action<AdditionalFileAnalysisContext>> _additionalFiles = new();

    public RuleHub(ImContext im, AnalyzerOptions options)
    {
        Im = im;
        Options = options;
        _selectFieldWriteActions = SelectFieldWriteActions;
    }

    public ImContext Im { get; }

    public AnalyzerOptions Options { get; }

    /// <summary>
    /// A value given to an <c>[ImField]</c> property (assignment, initializer) or helper parameter (argument).
    /// <paramref name="wants"/> tells from the field's metadata alone whether the rule can have anything to say about
    /// it (a role, a limit, a wire name); it is asked once per field, and <paramref name="action"/> runs only for the
    /// fields it accepts. It must accept every field the action could report on.
    /// </summary>
    public void OnFieldWrite(Func<ImFieldInfo, bool> wants, Action<OperationAnalysisContext, FieldWrite> action) => _fieldWrites.Add((wants, action));

    /// <summary>An assignment to a property of the ImCsGen options (<c>ImClientOptions</c>).</summary>
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

        bool arguments = _fieldWrites.Count > 0 || _arguments.Count > 0;
        if (_requestCreations.Count > 0 || arguments)
        {
            start.RegisterOperationAction(OnCreation, OperationKind.ObjectCreation);
        }

        if (_invocations.Count > 0 || arguments)
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

        // Only the options' own properties (Identifier, SecretKey, UserSigLifetime) interest these subscribers.
        if (Im.IsImCsGenOptionsType(property.ContainingType))
        {
            foreach (var action in _propertyWrites)
            {
                action(context, property, assignment.Value);
            }
        }

        if (_fieldWrites.Count > 0 && Im.GetField(property) is { } info && FieldWriteActions(info) is { Length: > 0 } actions)
        {
            var write = new FieldWrite(Im, property, info, assignment.Value, Im.GetEndpoint(property.ContainingType));
            foreach (var action in actions)
            {
                action(context, write);
            }
        }
    }

    // The arguments of an ImCsGen method or of a helper with [ImField] parameters (called from the parent's callback).
    private void OnArguments(OperationAnalysisContext context, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (IArgumentOperation argument in arguments)
        {
            foreach (var action in _arguments)
            {
                action(context, argument, method);
            }

            // Default values of omitted optional parameters are the library's, not the user's.
            if (_fieldWrites.Count > 0 && argument.ArgumentKind == ArgumentKind.Explicit
                && argument.Parameter is { } parameter && Im.GetField(parameter) is { } info
                && FieldWriteActions(info) is { Length: > 0 } actions)
            {
                var write = new FieldWrite(Im, parameter, info, argument.Value, Im.GetEndpoint(method));
                foreach (var action in actions)
                {
                    action(context, write);
                }
            }
        }
    }

    private Action<OperationAnalysisContext, FieldWrite>[] FieldWriteActions(ImFieldInfo info) =>
        _fieldWriteActions.TryGetValue(info, out var actions) ? actions : _fieldWriteActions.GetOrAdd(info, _selectFieldWriteActions);

    private Action<OperationAnalysisContext, FieldWrite>[] SelectFieldWriteActions(ImFieldInfo info)
    {
        var selected = new List<Action<OperationAnalysisContext, FieldWrite>>();
        foreach (var (wants, action) in _fieldWrites)
        {
            if (wants(info))
            {
                selected.Add(action);
            }
        }

        return selected.ToArray();
    }

    private void OnCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!creation.Arguments.IsEmpty && creation.Constructor is { } constructor && Im.IsImMethod(constructor))
        {
            OnArguments(context, constructor, creation.Arguments); // new ImHttpTransport(new HttpClient(), options)
        }

        if (_requestCreations.Count == 0 || creation.Type is not INamedTypeSymbol type || !Im.IsImType(type) || Im.GetEndpoint(type) is not { } endpoint)
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
        IMethodSymbol method = invocation.TargetMethod;
        if (!Im.IsImMethod(method))
        {
            return; // the early exit every other call in the project takes (one cached lookup)
        }

        if (!invocation.Arguments.IsEmpty)
        {
            OnArguments(context, method, invocation.Arguments);
        }

        foreach (var action in _invocations)
        {
            action(context, invocation);
        }
    }
}
