using ImCsGen.Generator.Helpers;

namespace ImCsGen.Generator.Model;

// What one generated file needs. A module (namespace) is emitted as one file per area plus one client
// file, so an edit in one area's spec file re-emits that area only: the other areas' units compare
// equal and stay cached. An area is an endpoint group (its endpoints and sub-client) merged with the
// types declared in the spec file of the same name (message_types.json -> area "message_types").

/// <summary>One generated file of a module.</summary>
internal abstract record EmitUnit(string Namespace, string HintName);

/// <summary>The sub-client of one endpoint group: <c>im.Group</c> of type <c>ImGroupClient</c>.</summary>
internal sealed record SubClientModel(string Group, string PropertyName, string ClassName);

/// <summary>A type declared in a spec file, and the area (file name without extension) it is emitted in.</summary>
internal sealed record TypeArea(string Namespace, string TypeName, string Area);

/// <summary>One area's file: its types, its endpoints' request/response classes, and its sub-client.</summary>
internal sealed record AreaUnit(
    string Namespace,
    string HintName,
    string Area,
    string? ClientName,
    EquatableArray<EnumTypeModel> Enums,
    EquatableArray<UnionTypeModel> Unions,
    EquatableArray<ObjectTypeModel> Objects,
    EquatableArray<UnionTypeModel> BaseUnions,
    SubClientModel? SubClient,
    EquatableArray<EndpointModel> Endpoints) : EmitUnit(Namespace, HintName);

/// <summary>An endpoint as the client file sees it: only its name (the rest lives in its area's file).</summary>
internal sealed record EndpointRef(string Name);

/// <summary>The client file: the client class and its sub-client properties, the endpoint list and the codec table.</summary>
internal sealed record ClientUnit(
    string Namespace,
    string HintName,
    string ClientName,
    EquatableArray<SubClientModel> SubClients,
    EquatableArray<EndpointRef> Endpoints) : EmitUnit(Namespace, HintName);
