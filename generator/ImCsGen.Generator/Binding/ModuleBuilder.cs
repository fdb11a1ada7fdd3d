using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ImCsGen.Generator.Diagnostics;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace ImCsGen.Generator.Binding;

/// <summary>
/// Joins the parsed files of each namespace into one module, resolves type references, checks the
/// rules that span declarations, and produces the location-free <see cref="ModuleModel"/> the emitter
/// sees. A module with any error is not emitted: its diagnostics explain why, and half-generated code
/// would only add confusing C# errors.
/// </summary>
internal sealed partial class ModuleBuilder
{
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<string, TypeSyntax> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _variantOwner = new(StringComparer.Ordinal);
    private readonly string _namespace;
    private int _errorCount;

    private ModuleBuilder(string ns) => _namespace = ns;

    /// <summary>The namespace of the built-in API; only the runtime's own build may generate into it.</summary>
    public const string ReservedNamespace = "ImCsGen";

    public static ModuleBuildResult Build(ImmutableArray<ParsedSpecFile> files, bool buildsBuiltIn, CancellationToken cancellationToken, EquatableArray<ExternalTypeFact> externals = default)
    {
        var modules = new List<ModuleModel>();
        var diagnostics = new List<DiagnosticInfo>();
        try
        {
            // A file with parse errors still takes part (its declarations resolve the others' references),
            // but its module is not emitted: the parse diagnostics say why.
            var broken = new HashSet<string>(files.Where(f => f.File is not null && f.Diagnostics.Count > 0).Select(f => f.File!.Namespace), StringComparer.Ordinal);
            var byNamespace = files
                .Where(f => f.File is not null)
                .Select(f => f.File!)
                .GroupBy(f => f.Namespace, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var group in byNamespace)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var ordered = group.OrderBy(f => FileName(f.Path), StringComparer.Ordinal).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
                var builder = new ModuleBuilder(group.Key) { _externals = externals };
                if (!buildsBuiltIn && (group.Key == ReservedNamespace || group.Key.StartsWith(ReservedNamespace + ".", StringComparison.Ordinal)))
                {
                    foreach (var file in group)
                    {
                        builder.Report(SpecDiagnostics.ReservedNamespace, file.NamespaceLocation, group.Key);
                    }
                }

                var module = builder.BuildModule(ordered, cancellationToken);
                diagnostics.AddRange(builder._diagnostics);
                if (module is not null && !broken.Contains(group.Key))
                {
                    modules.Add(module);
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            diagnostics.Add(DiagnosticInfo.Create(SpecDiagnostics.InternalError, null, e.GetType().Name + ": " + e.Message));
        }

        return new ModuleBuildResult(modules.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    private static string FileName(string path)
    {
        var cut = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return cut >= 0 ? path.Substring(cut + 1) : path;
    }

    private void Report(DiagnosticDescriptor descriptor, SpecLocation? location, params string[] arguments)
    {
        _errorCount++;
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
    }

    private ModuleModel? BuildModule(List<SpecFileSyntax> files, CancellationToken cancellationToken)
    {
        var client = ResolveClient(files);
        var api = ResolveApi(files);
        var generatedNames = new Dictionary<string, string>(StringComparer.Ordinal);
        if (client is not null)
        {
            generatedNames[client] = "the client class";
            generatedNames["I" + client] = "the client interface";
            generatedNames[client + "Endpoints"] = "the endpoint table";
        }

        foreach (var file in files)
        {
            foreach (var type in file.Types)
            {
                if (_types.ContainsKey(type.Name))
                {
                    Report(SpecDiagnostics.DuplicateName, type.Location, "Type", type.Name, " in namespace '" + _namespace + "'");
                    continue;
                }

                _types.Add(type.Name, type);
                if (type.Kind == TypeDeclKind.Union)
                {
                    generatedNames["Unknown" + type.Name] = "the unknown-variant class of union '" + type.Name + "'";
                }
            }
        }

        foreach (var type in _types.Values)
        {
            if (generatedNames.TryGetValue(type.Name, out var clash))
            {
                Report(SpecDiagnostics.ReservedName, type.Location, type.Name, "namespace '" + _namespace + "'", clash);
            }
        }

        var endpointNames = new Dictionary<string, EndpointSyntax>(StringComparer.Ordinal);
        var endpointPaths = new Dictionary<string, EndpointSyntax>(StringComparer.Ordinal);
        var endpoints = new List<EndpointModel>();
        foreach (var file in files)
        {
            if (file.Endpoints.Count > 0 && client is null)
            {
                Report(SpecDiagnostics.MissingClient, file.Endpoints[0].Location, _namespace);
            }

            foreach (var endpoint in file.Endpoints)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (endpointNames.ContainsKey(endpoint.Name))
                {
                    Report(SpecDiagnostics.DuplicateName, endpoint.Location, "Endpoint", endpoint.Name, " in namespace '" + _namespace + "'");
                    continue;
                }

                endpointNames.Add(endpoint.Name, endpoint);
                if (endpointPaths.TryGetValue(endpoint.Path, out var other))
                {
                    Report(SpecDiagnostics.DuplicatePath, endpoint.PathLocation, endpoint.Path, other.Name, endpoint.Name);
                }
                else
                {
                    endpointPaths.Add(endpoint.Path, endpoint);
                }

                foreach (var suffix in new[] { "Request", "Response" })
                {
                    if (_types.TryGetValue(endpoint.Name + suffix, out var clashing))
                    {
                        Report(SpecDiagnostics.ReservedName, clashing.Location, clashing.Name, "namespace '" + _namespace + "'", "the " + suffix.ToLowerInvariant() + " class of endpoint '" + endpoint.Name + "'");
                    }
                }

                var slash = endpoint.Path.IndexOf('/');
                var requestFields = BindFields(endpoint.Request, endpoint.Name + "Request", isResponse: false, discriminator: null);
                endpoints.Add(new EndpointModel(
                    endpoint.Name,
                    endpoint.Path.Substring(0, slash),
                    endpoint.Path.Substring(slash + 1),
                    endpoint.Group,
                    endpoint.Summary,
                    endpoint.Description,
                    endpoint.Docs,
                    endpoint.RateLimit,
                    endpoint.RequiresAdmin,
                    endpoint.Idempotency,
                    requestFields,
                    BindFields(endpoint.Response, endpoint.Name + "Response", isResponse: true, discriminator: null)) { Deduplication = BindDeduplication(endpoint, requestFields), Quota = BindQuota(endpoint, requestFields) });
            }
        }

        var callbacks = BindCallbacks(files, generatedNames);
        var unions = BindUnions();
        var objects = new List<ObjectTypeModel>();
        var enums = new List<EnumTypeModel>();
        foreach (var type in _types.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (type.Kind)
            {
                case TypeDeclKind.Object:
                    _variantOwner.TryGetValue(type.Name, out var unionName);
                    string? discriminatorValue = null;
                    string? discriminatorName = null;
                    if (unionName is not null)
                    {
                        var union = _types[unionName];
                        discriminatorName = union.Discriminator;
                        discriminatorValue = union.Variants.First(v => v.TypeName == type.Name).Value;
                    }

                    objects.Add(new ObjectTypeModel(type.Name, type.Description, BindFields(type.Fields, type.Name, isResponse: false, discriminatorName), unionName, discriminatorValue));
                    break;
                case TypeDeclKind.Enum:
                    enums.Add(BindEnum(type));
                    break;
            }
        }

        if (_errorCount > 0)
        {
            return null;
        }

        return new ModuleModel(_namespace, client, objects.ToEquatableArray(), enums.ToEquatableArray(), unions.ToEquatableArray(), endpoints.ToEquatableArray(), callbacks) { Api = api };
    }

    private string? ResolveClient(List<SpecFileSyntax> files)
    {
        string? client = null;
        foreach (var file in files)
        {
            if (file.Client is null)
            {
                continue;
            }

            if (client is null)
            {
                client = file.Client;
            }
            else if (!string.Equals(client, file.Client, StringComparison.Ordinal))
            {
                Report(SpecDiagnostics.ConflictingClient, file.ClientLocation, _namespace, client, file.Client);
            }
        }

        return client;
    }

    private EnumTypeModel BindEnum(TypeSyntax type)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var values = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<EnumMemberModel>();
        foreach (var value in type.Values)
        {
            if (!names.Add(value.Name))
            {
                Report(SpecDiagnostics.InvalidEnum, value.Location, type.Name, "the member name '" + value.Name + "' is used twice");
            }
            else if (value.Name == type.Name)
            {
                Report(SpecDiagnostics.InvalidEnum, value.Location, type.Name, "a member cannot have the enum's own name");
            }
            else if (!values.Add(value.ValueText))
            {
                Report(SpecDiagnostics.InvalidEnum, value.Location, type.Name, "the value " + value.ValueText + " is used twice");
            }
            else
            {
                members.Add(new EnumMemberModel(value.Name, value.ValueText, value.Description));
            }
        }

        if (type.IsStringEnum && names.Contains("Value"))
        {
            Report(SpecDiagnostics.ReservedName, type.Location, "Value", "enum '" + type.Name + "'", "the property that holds a string enum's text");
        }

        return new EnumTypeModel(type.Name, type.Description, type.IsStringEnum, members.ToEquatableArray());
    }

    private List<UnionTypeModel> BindUnions()
    {
        var unions = new List<UnionTypeModel>();
        foreach (var type in _types.Values.Where(t => t.Kind == TypeDeclKind.Union).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var values = new HashSet<string>(StringComparer.Ordinal);
            var variants = new List<UnionVariantModel>();
            if (type.Variants.Count == 0)
            {
                Report(SpecDiagnostics.InvalidUnion, type.Location, type.Name, "it has no variants");
            }

            foreach (var variant in type.Variants)
            {
                if (!values.Add(variant.Value))
                {
                    Report(SpecDiagnostics.InvalidUnion, variant.Location, type.Name, "the discriminator value '" + variant.Value + "' is used twice");
                    continue;
                }

                if (!_types.TryGetValue(variant.TypeName, out var target))
                {
                    Report(SpecDiagnostics.UnknownType, variant.Location, variant.TypeName, Parsing.Names.PrimitiveList, _namespace);
                    continue;
                }

                if (target.Kind != TypeDeclKind.Object)
                {
                    Report(SpecDiagnostics.InvalidUnion, variant.Location, type.Name, "variant type '" + variant.TypeName + "' must be an object type");
                    continue;
                }

                if (_variantOwner.TryGetValue(variant.TypeName, out var owner) && owner != type.Name)
                {
                    Report(SpecDiagnostics.InvalidUnion, variant.Location, type.Name, "type '" + variant.TypeName + "' is already a variant of union '" + owner + "'");
                    continue;
                }

                if (type.Content is null && target.Fields.Any(f => f.WireName == type.Discriminator))
                {
                    Report(SpecDiagnostics.InvalidUnion, variant.Location, type.Name, "variant '" + variant.TypeName + "' has a field named like the discriminator '" + type.Discriminator + "'");
                    continue;
                }

                _variantOwner[variant.TypeName] = type.Name;
                variants.Add(new UnionVariantModel(variant.Value, variant.TypeName));
            }

            unions.Add(new UnionTypeModel(type.Name, type.Description, type.Discriminator!, type.Content, variants.ToEquatableArray()));
        }

        return unions;
    }
}
