using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>
/// The ImCsGen types of one compilation, resolved once and shared by every rule, plus caches of the
/// metadata read from attributes. <see cref="For"/> returns null when the compilation does not
/// reference ImCsGen, so the rules register nothing and cost nothing there.
/// </summary>
internal sealed class ImContext
{
    private static readonly ConditionalWeakTable<Compilation, Holder> PerCompilation = new();

    // The runtime's assembly name (runtime/ImCsGen/ImCsGen.csproj); stand-ins declared elsewhere are still found.
    private const string RuntimeAssemblyName = "ImCsGen";
    private const string GlobalAlias = "global";

    // Keyed by reference: within one compilation a symbol's OriginalDefinition is one object, and reference hashing
    // costs far less than SymbolEqualityComparer on the hot path every assignment, creation and call in the
    // project takes. A symbol met as two objects only gets two equal cache entries.
    private readonly ConcurrentDictionary<ISymbol, ImFieldInfo?> _fields = new(SymbolReference.Comparer);
    private readonly ConcurrentDictionary<ISymbol, ImEndpointInfo?> _endpoints = new(SymbolReference.Comparer);
    private readonly ConcurrentDictionary<ISymbol, TrackedValue> _staticInitializers = new(SymbolReference.Comparer);
    private readonly ConcurrentDictionary<ISymbol, bool> _imTypes = new(SymbolReference.Comparer);
    private readonly ConcurrentDictionary<ISymbol, bool> _imMethods = new(SymbolReference.Comparer);
    private readonly ConcurrentDictionary<ISymbol, RoleProperties> _roles = new(SymbolReference.Comparer);
    private readonly ConcurrentDictionary<ISymbol, bool> _assemblies = new(SymbolReference.Comparer);
    private readonly ConditionalWeakTable<IOperation, VariableWrites> _writes = new();
    private readonly Compilation _compilation;

    // The cache fillers, created once: a method group or a lambda capturing `this` passed to GetOrAdd would allocate
    // a delegate on every lookup, and lookups run for every assignment, creation and call in the project.
    private readonly Func<ISymbol, ImFieldInfo?> _readField;
    private readonly Func<ISymbol, ImEndpointInfo?> _readEndpoint;
    private readonly Func<ISymbol, bool> _computeIsImType;
    private readonly Func<ISymbol, bool> _computeIsImMethod;
    private readonly Func<ISymbol, bool> _computeMayCarryImMetadata;
    private readonly Func<ISymbol, RoleProperties> _computeRoles;

    private ImContext(Compilation compilation, INamedTypeSymbol endpointAttribute, INamedTypeSymbol fieldAttribute)
    {
        _compilation = compilation;
        EndpointAttribute = endpointAttribute;
        FieldAttribute = fieldAttribute;

        // The other ImCsGen types live in the assembly that declares ImEndpointAttribute (the runtime, or stand-ins in
        // the project itself): looking there first spares a search through every referenced assembly per name.
        IAssemblySymbol runtime = endpointAttribute.ContainingAssembly;
        RangeAttribute = Lookup(compilation, runtime, "ImCsGen.Metadata.ImRangeAttribute");
        MaxBytesAttribute = Lookup(compilation, runtime, "ImCsGen.Metadata.ImMaxBytesAttribute");
        MinBytesAttribute = Lookup(compilation, runtime, "ImCsGen.Metadata.ImMinBytesAttribute");
        MaxItemsAttribute = Lookup(compilation, runtime, "ImCsGen.Metadata.ImMaxItemsAttribute");
        MinItemsAttribute = Lookup(compilation, runtime, "ImCsGen.Metadata.ImMinItemsAttribute");
        PatternAttribute = Lookup(compilation, runtime, "ImCsGen.Metadata.ImPatternAttribute");
        ClientOptions = Lookup(compilation, runtime, "ImCsGen.ImClientOptions");
        UserSig = Lookup(compilation, runtime, "ImCsGen.Auth.UserSig");
        HttpClient = Lookup(compilation, FindReference(compilation, "System.Net.Http"), "System.Net.Http.HttpClient");

        // TimeSpan is declared next to DateTime (System.Runtime, mscorlib or netstandard).
        TimeSpan = Lookup(compilation, compilation.GetSpecialType(SpecialType.System_DateTime).ContainingAssembly, "System.TimeSpan");

        _readField = ReadField;
        _readEndpoint = ReadEndpoint;
        _computeIsImType = ComputeIsImType;
        _computeIsImMethod = ComputeIsImMethod;
        _computeMayCarryImMetadata = ComputeMayCarryImMetadata;
        _computeRoles = t => new RoleProperties(FirstWithRole(t, ImFieldInfo.RoleMessageSender), FirstWithRole(t, ImFieldInfo.RoleMessageRecipient));
    }

    public INamedTypeSymbol EndpointAttribute { get; }

    public INamedTypeSymbol FieldAttribute { get; }

    public INamedTypeSymbol? RangeAttribute { get; }

    public INamedTypeSymbol? MaxBytesAttribute { get; }

    public INamedTypeSymbol? MinBytesAttribute { get; }

    public INamedTypeSymbol? MaxItemsAttribute { get; }

    public INamedTypeSymbol? MinItemsAttribute { get; }

    public INamedTypeSymbol? PatternAttribute { get; }

    /// <summary><c>ImCsGen.ImClientOptions</c>, when this runtime version has it.</summary>
    public INamedTypeSymbol? ClientOptions { get; }

    /// <summary><c>ImCsGen.Auth.UserSig</c>, when this runtime version has it.</summary>
    public INamedTypeSymbol? UserSig { get; }

    public INamedTypeSymbol? HttpClient { get; }

    public INamedTypeSymbol? TimeSpan { get; }

    /// <summary>The context of <paramref name="compilation"/>, or null when it does not use ImCsGen.</summary>
    public static ImContext? For(Compilation compilation) =>
        PerCompilation.GetValue(compilation, static c => new Holder(TryCreate(c))).Context;

    /// <summary>
    /// <paramref name="name"/> as <see cref="Compilation.GetTypeByMetadataName"/> finds it: the project's own type first,
    /// then the one in <paramref name="likely"/>; only when neither has it is every referenced assembly searched.
    /// </summary>
    private static INamedTypeSymbol? Lookup(Compilation compilation, IAssemblySymbol? likely, string name)
    {
        if (compilation.Assembly.GetTypeByMetadataName(name) is { } own)
        {
            return own;
        }

        if (likely is not null && !ReferenceEquals(likely, compilation.Assembly) && likely.GetTypeByMetadataName(name) is { } found)
        {
            return found;
        }

        return compilation.GetTypeByMetadataName(name);
    }

    private static ImContext? TryCreate(Compilation compilation)
    {
        // The runtime declares both attributes: the project itself is searched first, then the reference named like the
        // runtime, and only then every reference (what GetTypeByMetadataName does at once: in a fresh compiler process it
        // reads the namespaces of all the project's references, in our analyzer's time). A project without the runtime
        // stops after the first attribute.
        IAssemblySymbol? runtime = FindReference(compilation, RuntimeAssemblyName);
        INamedTypeSymbol? endpoint = Lookup(compilation, runtime, "ImCsGen.Metadata.ImEndpointAttribute");
        if (endpoint is null)
        {
            return null;
        }

        INamedTypeSymbol? field = Lookup(compilation, endpoint.ContainingAssembly, "ImCsGen.Metadata.ImFieldAttribute");
        return field is null ? null : new ImContext(compilation, endpoint, field);
    }

    /// <summary>
    /// The referenced assembly called <paramref name="name"/> that plain code can see (no extern alias, as for
    /// <see cref="Compilation.GetTypeByMetadataName"/>), or null. Reads only the references' identities.
    /// </summary>
    private static IAssemblySymbol? FindReference(Compilation compilation, string name)
    {
        foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (string.Equals(assembly.Identity.Name, name, StringComparison.Ordinal)
                && compilation.GetMetadataReference(assembly) is { } reference
                && (reference.Properties.Aliases.IsEmpty || reference.Properties.Aliases.Contains(GlobalAlias)))
            {
                return assembly;
            }
        }

        return null;
    }

    /// <summary>The <c>[ImField]</c> metadata of a property or a helper's parameter, or null when it has none.</summary>
    public ImFieldInfo? GetField(ISymbol propertyOrParameter)
    {
        ISymbol key = propertyOrParameter.OriginalDefinition;
        return _fields.TryGetValue(key, out ImFieldInfo? info) ? info : _fields.GetOrAdd(key, _readField);
    }

    /// <summary>The <c>[ImEndpoint]</c> metadata of a request type or a sending helper method, or null when it has none.</summary>
    public ImEndpointInfo? GetEndpoint(ISymbol? typeOrMethod)
    {
        if (typeOrMethod is not (INamedTypeSymbol or IMethodSymbol))
        {
            return null;
        }

        ISymbol key = typeOrMethod.OriginalDefinition;
        return _endpoints.TryGetValue(key, out ImEndpointInfo? info) ? info : _endpoints.GetOrAdd(key, _readEndpoint);
    }

    /// <summary>
    /// The dispatcher's early exit: whether <paramref name="type"/> is worth a rule's time (an ImCsGen type, a
    /// request with <c>[ImEndpoint]</c>, or any type with an <c>[ImField]</c> property). Cached per type.
    /// </summary>
    public bool IsImType(INamedTypeSymbol type)
    {
        ISymbol key = type.OriginalDefinition;
        return _imTypes.TryGetValue(key, out bool result) ? result : _imTypes.GetOrAdd(key, _computeIsImType);
    }

    private bool ComputeIsImType(ISymbol t)
    {
        if (!MayCarryImMetadata(t.ContainingAssembly))
        {
            return false;
        }

        if (ImSymbols.IsInImCsGenNamespace(t) || GetEndpoint(t) is not null)
        {
            return true;
        }

        foreach (ISymbol member in ((INamedTypeSymbol)t).GetMembers())
        {
            if (member is IPropertySymbol property && GetField(property) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a call's arguments are worth a rule's time: an ImCsGen method or one with <c>[ImField]</c> parameters.</summary>
    public bool IsImMethod(IMethodSymbol method)
    {
        ISymbol key = method.OriginalDefinition;
        return _imMethods.TryGetValue(key, out bool result) ? result : _imMethods.GetOrAdd(key, _computeIsImMethod);
    }

    private bool ComputeIsImMethod(ISymbol m)
    {
        var candidate = (IMethodSymbol)m;
        if (!MayCarryImMetadata(candidate.ContainingAssembly))
        {
            return false;
        }

        if (ImSymbols.IsInImCsGenNamespace(candidate) || GetEndpoint(candidate) is not null)
        {
            return true;
        }

        foreach (IParameterSymbol parameter in candidate.Parameters)
        {
            if (GetField(parameter) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether types and methods of <paramref name="assembly"/> can be IM ones: this project, the ImCsGen runtime, or
    /// an assembly that references the runtime (a consumer's spec module). Every call into the BCL or another
    /// library leaves here, cached per assembly, before any attribute of it is decoded.
    /// </summary>
    public bool MayCarryImMetadata(IAssemblySymbol? assembly)
    {
        if (assembly is null)
        {
            return false;
        }

        return _assemblies.TryGetValue(assembly, out bool result) ? result : _assemblies.GetOrAdd(assembly, _computeMayCarryImMetadata);
    }

    private bool ComputeMayCarryImMetadata(ISymbol a)
    {
        var candidate = (IAssemblySymbol)a;
        IAssemblySymbol runtime = EndpointAttribute.ContainingAssembly;
        if (ReferenceEquals(candidate, runtime) || ReferenceEquals(candidate, _compilation.Assembly))
        {
            return true;
        }

        foreach (IModuleSymbol module in candidate.Modules)
        {
            foreach (AssemblyIdentity referenced in module.ReferencedAssemblies)
            {
                if (string.Equals(referenced.Name, runtime.Identity.Name, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The options classes whose properties the value tracker reports as configured values.</summary>
    public bool IsImCsGenOptionsType(INamedTypeSymbol? type) =>
        type is not null && ClientOptions is not null && ReferenceEquals(type.OriginalDefinition, ClientOptions);

    /// <summary>The tracked value of a static readonly field's (or static property's) initializer, when already computed.</summary>
    public bool TryGetStaticInitializerValue(ISymbol member, out TrackedValue value)
    {
        var found = _staticInitializers.TryGetValue(member.OriginalDefinition, out TrackedValue? cached);
        value = cached!;
        return found;
    }

    /// <summary>The tracked value of a static readonly field's (or static property's) initializer, computed once.</summary>
    public TrackedValue GetStaticInitializerValue(ISymbol member, Func<ISymbol, TrackedValue> compute) => _staticInitializers.GetOrAdd(member.OriginalDefinition, compute);

    /// <summary>The semantic model of another tree (a constant field declared in another file).</summary>
#pragma warning disable RS1030 // Needed to read an initializer in another file; results are cached per field in _staticInitializers.
    public SemanticModel? ModelFor(SyntaxTree tree) => _compilation.ContainsSyntaxTree(tree) ? _compilation.GetSemanticModel(tree) : null;
#pragma warning restore RS1030

    /// <summary>The first property of <paramref name="type"/> whose <c>[ImField]</c> has <paramref name="role"/> (sender or recipient; cached per type).</summary>
    public IPropertySymbol? FindPropertyWithRole(ITypeSymbol type, int role)
    {
        ISymbol key = type.OriginalDefinition;
        if (!_roles.TryGetValue(key, out RoleProperties? roles))
        {
            roles = _roles.GetOrAdd(key, _computeRoles);
        }

        return role switch
        {
            ImFieldInfo.RoleMessageSender => roles.Sender,
            ImFieldInfo.RoleMessageRecipient => roles.Recipient,
            _ => FirstWithRole(type, role),
        };
    }

    /// <summary>How often each local and parameter is written in one method body (one walk per body, shared by every rule).</summary>
    public VariableWrites WritesIn(IOperation root) => _writes.GetValue(root, static r => new VariableWrites(r));

    public bool IsClientOptionsProperty(IPropertySymbol property, string name) =>
        ClientOptions is not null
        && ReferenceEquals(property.ContainingType.OriginalDefinition, ClientOptions)
        && string.Equals(property.Name, name, StringComparison.Ordinal);

    private IPropertySymbol? FirstWithRole(ISymbol type, int role)
    {
        foreach (ISymbol member in ((ITypeSymbol)type).GetMembers())
        {
            if (member is IPropertySymbol property && GetField(property) is { } info && info.Role == role)
            {
                return property;
            }
        }

        return null;
    }

    private ImEndpointInfo? ReadEndpoint(ISymbol type)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, EndpointAttribute)
                || attribute.ConstructorArguments.Length != 1
                || attribute.ConstructorArguments[0].Value is not string path)
            {
                continue;
            }

            string? name = null;
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "Name" && named.Value.Value is string n)
                {
                    name = n;
                }
            }

            return new ImEndpointInfo(path, name);
        }

        return null;
    }

    private ImFieldInfo? ReadField(ISymbol property)
    {
        ImFieldInfo? info = null;
        var attributes = property.GetAttributes();
        foreach (AttributeData attribute in attributes)
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, FieldAttribute)
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string wireName)
            {
                bool required = false;
                int role = 0;
                int kind = 0;
                foreach (var named in attribute.NamedArguments)
                {
                    switch (named.Key)
                    {
                        case "Required" when named.Value.Value is bool b:
                            required = b;
                            break;
                        case "Role" when named.Value.Value is int r:
                            role = r;
                            break;
                        case "Kind" when named.Value.Value is int k:
                            kind = k;
                            break;
                    }
                }

                info = new ImFieldInfo(wireName, required, role, kind);
            }
        }

        if (info is null)
        {
            return null;
        }

        foreach (AttributeData attribute in attributes)
        {
            INamedTypeSymbol? cls = attribute.AttributeClass;
            var args = attribute.ConstructorArguments;
            if (cls is null || args.Length == 0)
            {
                continue;
            }

            if (Is(cls, RangeAttribute) && args.Length == 2 && args[0].Value is double min && args[1].Value is double max)
            {
                info.Minimum = min;
                info.Maximum = max;
            }
            else if (Is(cls, MaxBytesAttribute) && args[0].Value is int maxBytes)
            {
                info.MaxBytes = maxBytes;
            }
            else if (Is(cls, MinBytesAttribute) && args[0].Value is int minBytes)
            {
                info.MinBytes = minBytes;
            }
            else if (Is(cls, MaxItemsAttribute) && args[0].Value is int maxItems)
            {
                info.MaxItems = maxItems;
            }
            else if (Is(cls, MinItemsAttribute) && args[0].Value is int minItems)
            {
                info.MinItems = minItems;
            }
            else if (Is(cls, PatternAttribute) && args[0].Value is string pattern)
            {
                info.Pattern = pattern;
            }
        }

        return info;
    }

    private static bool Is(INamedTypeSymbol cls, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(cls, expected);

    private sealed class RoleProperties
    {
        public RoleProperties(IPropertySymbol? sender, IPropertySymbol? recipient)
        {
            Sender = sender;
            Recipient = recipient;
        }

        public IPropertySymbol? Sender { get; }

        public IPropertySymbol? Recipient { get; }
    }

    // ConditionalWeakTable cannot hold a null value; the holder records "this compilation does not use ImCsGen".
    private sealed class Holder
    {
        public Holder(ImContext? context) => Context = context;

        public ImContext? Context { get; }
    }
}
