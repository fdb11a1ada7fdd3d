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

    private ImContext(Compilation compilation, INamedTypeSymbol endpointAttribute, INamedTypeSymbol fieldAttribute)
    {
        _compilation = compilation;
        EndpointAttribute = endpointAttribute;
        FieldAttribute = fieldAttribute;
        RangeAttribute = compilation.GetTypeByMetadataName("ImCsGen.Metadata.ImRangeAttribute");
        MaxBytesAttribute = compilation.GetTypeByMetadataName("ImCsGen.Metadata.ImMaxBytesAttribute");
        MinBytesAttribute = compilation.GetTypeByMetadataName("ImCsGen.Metadata.ImMinBytesAttribute");
        MaxItemsAttribute = compilation.GetTypeByMetadataName("ImCsGen.Metadata.ImMaxItemsAttribute");
        MinItemsAttribute = compilation.GetTypeByMetadataName("ImCsGen.Metadata.ImMinItemsAttribute");
        PatternAttribute = compilation.GetTypeByMetadataName("ImCsGen.Metadata.ImPatternAttribute");
        ClientOptions = compilation.GetTypeByMetadataName("ImCsGen.ImClientOptions");
        UserSig = compilation.GetTypeByMetadataName("ImCsGen.Auth.UserSig");
        HttpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
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

    private static ImContext? TryCreate(Compilation compilation)
    {
        INamedTypeSymbol? endpoint = compilation.GetTypeByMetadataName("ImCsGen.Metadata.ImEndpointAttribute");
        INamedTypeSymbol? field = compilation.GetTypeByMetadataName("ImCsGen.Metadata.ImFieldAttribute");
        return endpoint is null || field is null ? null : new ImContext(compilation, endpoint, field);
    }

    /// <summary>The <c>[ImField]</c> metadata of a property or a helper's parameter, or null when it has none.</summary>
    public ImFieldInfo? GetField(ISymbol propertyOrParameter) =>
        _fields.GetOrAdd(propertyOrParameter.OriginalDefinition, ReadField);

    /// <summary>The <c>[ImEndpoint]</c> metadata of a request type or a sending helper method, or null when it has none.</summary>
    public ImEndpointInfo? GetEndpoint(ISymbol? typeOrMethod) =>
        typeOrMethod is INamedTypeSymbol or IMethodSymbol ? _endpoints.GetOrAdd(typeOrMethod.OriginalDefinition, ReadEndpoint) : null;

    /// <summary>
    /// The dispatcher's early exit: whether <paramref name="type"/> is worth a rule's time (an ImCsGen type, a
    /// request with <c>[ImEndpoint]</c>, or any type with an <c>[ImField]</c> property). Cached per type.
    /// </summary>
    public bool IsImType(INamedTypeSymbol type) =>
        _imTypes.GetOrAdd(type.OriginalDefinition, t =>
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
        });

    /// <summary>Whether a call's arguments are worth a rule's time: an ImCsGen method or one with <c>[ImField]</c> parameters.</summary>
    public bool IsImMethod(IMethodSymbol method) =>
        _imMethods.GetOrAdd(method.OriginalDefinition, m =>
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
        });

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

        return _assemblies.GetOrAdd(assembly, a =>
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
        });
    }

    /// <summary>The options classes whose properties the value tracker reports as configured values.</summary>
    public bool IsImCsGenOptionsType(INamedTypeSymbol? type) =>
        type is not null && ClientOptions is not null && ReferenceEquals(type.OriginalDefinition, ClientOptions);

    /// <summary>The tracked value of a static readonly field's (or static property's) initializer, computed once.</summary>
    public TrackedValue GetStaticInitializerValue(ISymbol member, Func<ISymbol, TrackedValue> compute) =>
        _staticInitializers.GetOrAdd(member.OriginalDefinition, compute);

    /// <summary>The semantic model of another tree (a constant field declared in another file).</summary>
#pragma warning disable RS1030 // Needed to read an initializer in another file; results are cached per field in _staticInitializers.
    public SemanticModel? ModelFor(SyntaxTree tree) => _compilation.ContainsSyntaxTree(tree) ? _compilation.GetSemanticModel(tree) : null;
#pragma warning restore RS1030

    /// <summary>The first property of <paramref name="type"/> whose <c>[ImField]</c> has <paramref name="role"/> (sender or recipient; cached per type).</summary>
    public IPropertySymbol? FindPropertyWithRole(ITypeSymbol type, int role)
    {
        RoleProperties roles = _roles.GetOrAdd(type.OriginalDefinition, t => new RoleProperties(FirstWithRole(t, ImFieldInfo.RoleMessageSender), FirstWithRole(t, ImFieldInfo.RoleMessageRecipient)));
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
