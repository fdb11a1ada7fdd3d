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
/// the project's many arguments cost no callback of their own, and so are the property assignments of an object
/// initializer (one pass per request object: the assignment callback leaves those at its first test). Per property
/// and parameter, what a write needs (IM type, options, [ImField], the rules that want it, endpoint) is decided once.
/// </summary>
internal sealed class RuleHub
{
    private readonly List<(Func<ImFieldInfo, bool> Wants, Action<OperationAnalysisContext, FieldWrite> Action)> _fieldWrites = new();

    // Per field (ImFieldInfo is one object per property or parameter of this compilation): the field-write subscribers
    // whose filter accepts it. Most fields interest two or three of the twelve, and a field nobody checks costs no
    // FieldWrite at all.

    // Per property and per parameter (OriginalDefinition, by reference): everything a write to it needs, read once, so
    // a write costs one lookup instead of five (IM type? options? [ImField]? which rules? endpoint?).
    private readonly ConcurrentDictionary<ISymbol, MemberPlan> _propertyPlans = new(SymbolReference.Comparer);
    private readonly ConcurrentDictionary<ISymbol, MemberPlan> _parameterPlans = new(SymbolReference.Comparer);
    private readonly Func<ISymbol, MemberPlan> _planProperty;
    private readonly Func<ISymbol, MemberPlan> _planParameter;
    private readonly List<Action<OperationAnalysisContext, IPropertySymbol, IOperation>> _propertyWrites = new();
    private readonly List<Action<OperationAnalysisContext, IArgumentOperation, IMethodSymbol>> _arguments = new();
    private readonly List<Action<OperationAnalysisContext, IObjectCreationOperation, ImEndpointInfo>> _requestCreations = new();
    private readonly List<Action<OperationAnalysisContext, IInvocationOperation>> _invocations = new();
    private readonly List<Action<AdditionalFileAnalysisContext>> _additionalFiles = new();
    private static readonly Action<OperationAnalysisContext, FieldWrite>[] NoFieldWriteActions = Array.Empty<Action<OperationAnalysisContext, FieldWrite>>();

    // Set by Commit: some subscriber looks at property assignments (so OnCreation reads object initializers).
    private bool _assignmentsWanted;

    public RuleHub(ImContext im, AnalyzerOptions options)
    {
        Im = im;
        Options = options;
        _planProperty = PlanProperty;
        _planParameter = PlanParameter;
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
        bool assignments = _fieldWrites.Count > 0 || _propertyWrites.Count > 0;
        _assignmentsWanted = assignments;
        if (assignments)
        {
            start.RegisterOperationAction(OnAssignment, OperationKind.SimpleAssignment);
        }

        // The assignments of an object initializer are read from their creation (one callback per request, not one
        // per property), so creations are needed by the assignment subscribers too.
        bool arguments = _fieldWrites.Count > 0 || _arguments.Count > 0;
        if (_requestCreations.Count > 0 || arguments || assignments)
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
        if (assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation })
        {
            return; // a member of an object initializer: OnCreation reads it with its request
        }

        OnPropertyAssignment(context, assignment);
    }

    // One assignment to a property, from a statement (OnAssignment) or an object initializer (OnCreation).
    private void OnPropertyAssignment(OperationAnalysisContext context, ISimpleAssignmentOperation assignment)
    {
        if (assignment.Target is not IPropertyReferenceOperation target)
        {
            return;
        }

        IPropertySymbol property = target.Property;
        ISymbol key = property.OriginalDefinition;
        if (!_propertyPlans.TryGetValue(key, out MemberPlan? plan))
        {
            plan = _propertyPlans.GetOrAdd(key, _planProperty);
        }

        if (plan.IsNothing)
        {
            return; // the early exit every assignment outside ImCsGen takes (one cached lookup)
        }

        // Only the options' own properties (Identifier, SecretKey, UserSigLifetime) interest these subscribers.
        if (plan.IsOptionsProperty)
        {
            foreach (var action in _propertyWrites)
            {
                action(context, property, assignment.Value);
            }
        }

        var actions = plan.Actions;
        if (actions.Length > 0)
        {
            var write = new FieldWrite(Im, property, plan.Info!, assignment.Value, plan.Endpoint);
            foreach (var action in actions)
            {
                action(context, write);
            }
        }
    }

    // What an assignment to this property (an OriginalDefinition) needs: the same tests the dispatcher made per write.
    private MemberPlan PlanProperty(ISymbol key)
    {
        INamedTypeSymbol type = key.ContainingType;
        if (!Im.IsImType(type))
        {
            return MemberPlan.Nothing;
        }

        bool isOptions = _propertyWrites.Count > 0 && Im.IsImCsGenOptionsType(type);
        ImFieldInfo? info = _fieldWrites.Count > 0 ? Im.GetField(key) : null;
        var actions = info is null ? NoFieldWriteActions : SelectFieldWriteActions(info);
        if (!isOptions && actions.Length == 0)
        {
            return MemberPlan.Nothing;
        }

        return new MemberPlan(isOptions, info, actions, actions.Length > 0 ? Im.GetEndpoint(type) : null);
    }

    // What an explicit argument for this parameter (an OriginalDefinition) needs; the endpoint is the called method's.
    private MemberPlan PlanParameter(ISymbol key)
    {
        ImFieldInfo? info = Im.GetField(key);
        var actions = info is null ? NoFieldWriteActions : SelectFieldWriteActions(info);
        return actions.Length == 0 ? MemberPlan.Nothing : new MemberPlan(false, info, actions, null);
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
            if (_fieldWrites.Count > 0 && argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter is { } parameter)
            {
                ISymbol key = parameter.OriginalDefinition;
                if (!_parameterPlans.TryGetValue(key, out MemberPlan? plan))
                {
                    plan = _parameterPlans.GetOrAdd(key, _planParameter);
                }

                if (plan.IsNothing)
                {
                    continue;
                }

                var write = new FieldWrite(Im, parameter, plan.Info!, argument.Value, Im.GetEndpoint(method));
                foreach (var action in plan.Actions)
                {
                    action(context, write);
                }
            }
        }
    }

    // Called once per property or parameter: its plan (_propertyPlans, _parameterPlans) keeps the result.

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

        // The per-request pass: the initializer's property assignments are checked here, so the assignment callback
        // leaves them at once (the many requests of a project cost one callback each, not one per property).
        if (_assignmentsWanted && creation.Initializer is { } initializer)
        {
            foreach (IOperation member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation assignment)
                {
                    OnPropertyAssignment(context, assignment);
                }
            }
        }

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

    /// <summary>What a write to one property or parameter needs, decided once per member.</summary>
    private sealed class MemberPlan
    {
        public static readonly MemberPlan Nothing = new(false, null, NoFieldWriteActions, null);

        public MemberPlan(bool isOptionsProperty, ImFieldInfo? info, Action<OperationAnalysisContext, FieldWrite>[] actions, ImEndpointInfo? endpoint)
        {
            IsOptionsProperty = isOptionsProperty;
            Info = info;
            Actions = actions;
            Endpoint = endpoint;
        }

        /// <summary>No subscriber has anything to do with this member.</summary>
        public bool IsNothing => ReferenceEquals(this, Nothing);

        /// <summary>A property of <c>ImClientOptions</c> (the property-write subscribers run).</summary>
        public bool IsOptionsProperty { get; }

        public ImFieldInfo? Info { get; }

        /// <summary>The field-write subscribers whose filter accepts the member's <c>[ImField]</c>.</summary>
        public Action<OperationAnalysisContext, FieldWrite>[] Actions { get; }

        /// <summary>The endpoint of the property's request type (properties only; a parameter's is its method's).</summary>
        public ImEndpointInfo? Endpoint { get; }
    }
}
