using System.Globalization;
using System.Linq;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Emit;

// The Tencent Cloud API 3.0 family (module.Api set): one file with the module's types, a request and a
// response class per action, the action table, the client interface and the client. Requests and responses
// share every member generator with IM endpoints (properties with the same [ImField]/constraint attributes,
// writers, readers, validation); only the base types, the class attribute and the transport differ.
internal static partial class Emitter
{
    private const string Cloud = "global::ImCsGen.TencentCloud";

    /// <summary>The whole source of a Tencent Cloud API module.</summary>
    public static string EmitCloudApiModule(ModuleModel module)
    {
        var w = StartFile(module);
        var first = true;
        foreach (var e in module.Enums)
        {
            Separate(w, ref first);
            if (e.IsString)
            {
                EmitStringEnum(w, e);
            }
            else
            {
                EmitIntEnum(w, e);
            }
        }

        foreach (var u in module.Unions)
        {
            Separate(w, ref first);
            EmitUnion(w, u);
        }

        foreach (var o in module.Objects)
        {
            Separate(w, ref first);
            EmitObject(w, o, module.Unions.FirstOrDefault(u => u.Name == o.UnionBase));
        }

        foreach (var endpoint in module.Endpoints)
        {
            Separate(w, ref first);
            EmitCloudRequest(w, module, endpoint);
            w.WriteLine();
            EmitCloudResponse(w, endpoint);
        }

        if (module.ClientName is not null && module.Endpoints.Count > 0)
        {
            Separate(w, ref first);
            EmitCloudClient(w, module);
        }

        return EndFile(w);
    }

    private static string CloudCall(ModuleModel module, EndpointModel e)
        => "<c>" + e.Command + "</c> (" + module.Api!.Service + " " + module.Api.Version + ", <c>POST https://" + module.Api.Host + "/</c>)";

    private static void EmitCloudRequest(SourceWriter w, ModuleModel module, EndpointModel endpoint)
    {
        var name = endpoint.Name + "Request";
        var api = module.Api!;
        w.WriteSummary(endpoint.Summary, SourceWriter.Escape(endpoint.Summary));
        w.WriteRemarks("Request of action " + CloudCall(module, endpoint) + "; sent by <see cref=\"" + module.ClientName + "." + endpoint.Name + "Async\"/>."
            + (endpoint.Docs is null ? string.Empty : "\nTencent's documentation: <see href=\"" + SourceWriter.Escape(endpoint.Docs) + "\"/>."));
        w.WriteLine("[" + Metadata + ".TencentCloudAction(" + Literal(endpoint.Command) + ", Service = " + Literal(api.Service) + ", Version = " + Literal(api.Version)
            + ", Group = " + Literal(endpoint.Group) + ", RateLimitPerSecond = " + endpoint.RateLimit.ToString(CultureInfo.InvariantCulture)
            + ", Idempotency = global::ImCsGen.Transport.ImIdempotency." + endpoint.Idempotency + ")]");
        w.OpenBlock("public sealed partial class " + name + " : " + Cloud + ".ITencentCloudRequest");
        EmitEncodedNames(w, endpoint.Request);
        EmitReadingConstructors(w, name, endpoint.Request);
        EmitProperties(w, endpoint.Request);
        w.WriteLine("/// <inheritdoc />");
        w.WriteLine(Cloud + ".TencentCloudAction " + Cloud + ".ITencentCloudRequest.Action => " + module.ClientName + "Actions." + endpoint.Name + ";");
        w.WriteLine();
        EmitWriteJson(w, "Writes the request body (the action's parameters; Action and Version travel in X-TC-* headers).", withEnvelope: false);
        w.WriteLine();
        w.WriteSummary(null, "Reads a request body (used by the emulator and by tests).");
        w.WriteLine(ReadJsonMember(name));
        w.WriteLine();
        w.WriteSummary(null, "Checks the spec's constraints; throws <see cref=\"" + ValidationException + "\"/> naming the field and the rule. The transport calls it before anything is sent.");
        w.WriteLine("public void Validate() => ValidateProperties();");
        w.WriteLine();
        EmitWriteProperties(w, endpoint.Request);
        w.WriteLine();
        EmitReadObject(w, name, endpoint.Request, isResponse: false);
        w.WriteLine();
        EmitValidateProperties(w, endpoint.Request);
        w.CloseBlock();
    }

    private static void EmitCloudResponse(SourceWriter w, EndpointModel endpoint)
    {
        var name = endpoint.Name + "Response";
        w.WriteSummary(null, "Response of action <c>" + endpoint.Command + "</c>: the object inside <c>{\"Response\": ...}</c>. <c>RequestId</c> and <c>Error</c> are inherited.");
        w.OpenBlock("public sealed partial class " + name + " : " + Cloud + ".TencentCloudResponse, " + Cloud + ".ITencentCloudResponse<" + name + ">");
        EmitEncodedNames(w, endpoint.Response);
        EmitProperties(w, endpoint.Response);
        var itemErrors = new System.Collections.Generic.List<string>();
        foreach (var field in endpoint.Response)
        {
            if (field.Role == FieldRole.ItemErrors)
            {
                itemErrors.Add("this." + field.CsName + " is { Count: > 0 }");
            }
            else if (field.Role == FieldRole.ItemResults)
            {
                itemErrors.Add("AnyFailed(this." + field.CsName + ", static item => item." + field.ResultCodeMember + ")");
            }
        }

        if (itemErrors.Count > 0)
        {
            w.WriteLine("/// <inheritdoc />");
            w.WriteLine("public override bool HasItemErrors => " + string.Join(" || ", itemErrors) + ";");
            w.WriteLine();
        }

        w.WriteSummary(null, "Reads the object inside <c>Response</c> (RequestId and Error included); unknown properties are skipped.");
        w.WriteLine(ReadJsonMember(name));
        w.WriteLine();
        EmitWriteJson(w, "Writes the object inside <c>Response</c>, RequestId and Error included (used by the emulator and by tests).", withEnvelope: true);
        w.WriteLine();
        EmitWriteProperties(w, endpoint.Response);
        w.WriteLine();
        EmitReadObject(w, name, endpoint.Response, isResponse: true);
        w.CloseBlock();
    }

    private static void EmitCloudClient(SourceWriter w, ModuleModel module)
    {
        var client = module.ClientName!;
        var api = module.Api!;
        w.WriteSummary(null, "The actions of <see cref=\"" + client + "\"/> (" + SourceWriter.Escape(api.Service + " " + api.Version) + "), as the transport sees them.");
        w.OpenBlock("public static partial class " + client + "Actions");
        w.WriteSummary(null, "The service, the credential scope's middle part.");
        w.WriteLine("public const string Service = " + Literal(api.Service) + ";");
        w.WriteLine();
        w.WriteSummary(null, "The API version, sent as X-TC-Version.");
        w.WriteLine("public const string Version = " + Literal(api.Version) + ";");
        w.WriteLine();
        w.WriteSummary(null, "The default host.");
        w.WriteLine("public const string Host = " + Literal(api.Host) + ";");
        w.WriteLine();
        foreach (var e in module.Endpoints)
        {
            w.WriteSummary(null, "<c>" + e.Command + "</c>: " + SourceWriter.Escape(e.Summary));
            w.WriteLine("public static " + Cloud + ".TencentCloudAction " + e.Name + " { get; } = new " + Cloud + ".TencentCloudAction("
                + Literal(e.Command) + ", Service, Version, Host, " + Literal(e.Group) + ", " + e.RateLimit.ToString(CultureInfo.InvariantCulture)
                + ", global::ImCsGen.Transport.ImIdempotency." + e.Idempotency + ");");
            w.WriteLine();
        }

        w.WriteSummary(null, "Every action, in spec order. Declared last: static initializers run in text order.");
        w.OpenBlock("public static global::System.Collections.Generic.IReadOnlyList<" + Cloud + ".TencentCloudAction> All { get; } = new " + Cloud + ".TencentCloudAction[]");
        foreach (var e in module.Endpoints)
        {
            w.WriteLine(e.Name + ",");
        }

        w.CloseBlock(";");
        w.CloseBlock();
        w.WriteLine();

        w.WriteSummary(null, "The " + SourceWriter.Escape(api.Service) + " actions of namespace " + module.Namespace + ", one method per action of the spec.");
        w.OpenBlock("public partial interface I" + client);
        var first = true;
        foreach (var e in module.Endpoints)
        {
            Separate(w, ref first);
            EmitCloudMethodDocs(w, module, e);
            w.WriteLine(Signature(e) + ";");
        }

        w.CloseBlock();
        w.WriteLine();

        w.WriteSummary(null, "Typed client for the Tencent Cloud API actions of namespace " + module.Namespace + ". Every call goes through an <see cref=\"" + Cloud + ".ITencentCloudTransport\"/>, which validates, signs (TC3-HMAC-SHA256), rate-limits, retries and parses.");
        w.OpenBlock("public sealed partial class " + client + " : I" + client);
        w.WriteLine("private readonly " + Cloud + ".ITencentCloudTransport _transport;");
        w.WriteLine();
        w.WriteSummary(null, "Creates a client that sends through <paramref name=\"transport\"/>.");
        w.WriteLine("/// <param name=\"transport\">The transport: the HTTP one, or a test fake.</param>");
        w.OpenBlock("public " + client + "(" + Cloud + ".ITencentCloudTransport transport)");
        w.WriteLine("_transport = transport ?? throw new global::System.ArgumentNullException(nameof(transport));");
        w.CloseBlock();
        w.WriteLine();
        w.WriteSummary(null, "The transport every call goes through.");
        w.WriteLine("public " + Cloud + ".ITencentCloudTransport Transport => _transport;");
        foreach (var e in module.Endpoints)
        {
            w.WriteLine();
            w.WriteLine("/// <inheritdoc />");
            w.OpenBlock("public " + Signature(e));
            w.OpenBlock("if (request is null)");
            w.WriteLine("throw new global::System.ArgumentNullException(nameof(request));");
            w.CloseBlock();
            w.WriteLine();
            w.WriteLine("return _transport.SendAsync<" + e.Name + "Request, " + e.Name + "Response>(request, cancellationToken);");
            w.CloseBlock();
        }

        w.CloseBlock();
    }

    private static void EmitCloudMethodDocs(SourceWriter w, ModuleModel module, EndpointModel e)
    {
        w.WriteSummary(e.Summary, SourceWriter.Escape(e.Summary));
        var remarks = "Action " + CloudCall(module, e) + " (group " + SourceWriter.Escape(e.Group) + "; default limit "
            + e.RateLimit.ToString(CultureInfo.InvariantCulture) + " calls/s"
            + (e.Idempotency == Idempotency.Unsafe ? "; retried only when Tencent certainly did not process it" : "; safe to retry") + ").";
        if (e.Description is not null)
        {
            remarks += "\n" + SourceWriter.Escape(e.Description);
        }

        if (e.Docs is not null)
        {
            remarks += "\nTencent's documentation: <see href=\"" + SourceWriter.Escape(e.Docs) + "\"/>.";
        }

        w.WriteRemarks(remarks);
        w.WriteLine("/// <param name=\"request\">The request; validated before anything is sent.</param>");
        w.WriteLine("/// <param name=\"cancellationToken\">Cancels the call, its retries and its rate-limit wait.</param>");
        w.WriteLine("/// <returns>The typed response; a failure answer throws <see cref=\"" + Cloud + ".TencentCloudException\"/>.</returns>");
    }
}
