using System.Globalization;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Emit;

// The client surface. Calls are grouped by the endpoint's group: im.Group.CreateGroupAsync(...). Each
// sub-client is a small class whose methods are virtual, so a test overrides the calls it needs, and
// adding an endpoint adds a member without breaking anyone's subclass or fake. The flat members
// (im.CreateGroupAsync) and the I{Client} interface stay for existing code, hidden from IntelliSense:
// the interface grows with every endpoint, so new code mocks IImTransport or a sub-client instead.
internal static partial class Emitter
{
    private const string EditorHidden = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";
    private const string Transport = "global::ImCsGen.Transport.IImTransport";
    private const string EndpointType = "global::ImCsGen.Transport.ImEndpoint";

    /// <summary>The area's part of <c>{Client}Endpoints</c>: one description per endpoint.</summary>
    private static void EmitEndpointTable(SourceWriter w, string client, EquatableArray<EndpointModel> endpoints)
    {
        w.OpenBlock("public static partial class " + client + "Endpoints");
        var first = true;
        foreach (var e in endpoints)
        {
            Separate(w, ref first);
            w.WriteSummary(null, "<c>" + e.Service + "/" + e.Command + "</c>: " + SourceWriter.Escape(e.Summary));
            w.WriteLine("public static " + EndpointType + " " + e.Name + " { get; } = new " + EndpointType + "("
                + Literal(e.Name) + ", " + Literal(e.Service) + ", " + Literal(e.Command) + ", " + Literal(e.Group) + ", "
                + e.RateLimit.ToString(CultureInfo.InvariantCulture) + ", " + (e.RequiresAdmin ? "true" : "false")
                + ", global::ImCsGen.Transport.ImIdempotency." + e.Idempotency + ")" + EndpointInitializer(e) + ";");
        }

        w.CloseBlock();
    }

    private static void EmitSubClient(SourceWriter w, string client, SubClientModel sub, EquatableArray<EndpointModel> endpoints)
    {
        w.WriteSummary(null, "The <c>" + SourceWriter.Escape(sub.Group) + "</c> calls of <see cref=\"" + client + "\"/> (<c>client." + sub.PropertyName
            + "</c>). Methods are virtual: a test may override the calls it needs, or fake <see cref=\"" + Transport + "\"/> for all of them.");
        w.OpenBlock("public partial class " + sub.ClassName);
        w.WriteLine("private readonly " + Transport + " _transport;");
        w.WriteLine();
        w.WriteSummary(null, "Creates the sub-client over <paramref name=\"transport\"/> (a client creates its own; tests may create one directly).");
        w.WriteLine("/// <param name=\"transport\">The transport: the HTTP one, the emulator's, or a test fake.</param>");
        w.OpenBlock("public " + sub.ClassName + "(" + Transport + " transport)");
        w.WriteLine("_transport = transport ?? throw new global::System.ArgumentNullException(nameof(transport));");
        w.CloseBlock();
        w.WriteLine();
        w.WriteSummary(null, "The transport every call goes through.");
        w.WriteLine("public " + Transport + " Transport => _transport;");
        foreach (var e in endpoints)
        {
            w.WriteLine();
            EmitMethodDocs(w, e);
            w.OpenBlock("public virtual " + Signature(e));
            w.OpenBlock("if (request is null)");
            w.WriteLine("throw new global::System.ArgumentNullException(nameof(request));");
            w.CloseBlock();
            w.WriteLine();
            w.WriteLine("return _transport.SendAsync<" + e.Name + "Request, " + e.Name + "Response>(request, cancellationToken);");
            w.CloseBlock();
        }

        w.CloseBlock();
    }

    /// <summary>The flat members of the client and its interface, kept for existing code; they forward to the sub-client.</summary>
    private static void EmitFlatMembers(SourceWriter w, string client, SubClientModel sub, EquatableArray<EndpointModel> endpoints)
    {
        w.OpenBlock("public partial interface I" + client);
        var first = true;
        foreach (var e in endpoints)
        {
            Separate(w, ref first);
            w.WriteLine("/// <inheritdoc cref=\"" + sub.ClassName + "." + e.Name + "Async\"/>");
            w.WriteLine(EditorHidden);
            w.WriteLine(Signature(e) + ";");
        }

        w.CloseBlock();
        w.WriteLine();
        w.OpenBlock("public sealed partial class " + client);
        first = true;
        foreach (var e in endpoints)
        {
            Separate(w, ref first);
            w.WriteLine("/// <inheritdoc cref=\"" + sub.ClassName + "." + e.Name + "Async\"/>");
            w.WriteLine("/// <remarks>Same as <c>" + sub.PropertyName + "." + e.Name + "Async</c>, where new code finds it.</remarks>");
            w.WriteLine(EditorHidden);
            w.WriteLine("public " + Signature(e) + " => " + sub.PropertyName + "." + e.Name + "Async(request, cancellationToken);");
        }

        w.CloseBlock();
    }

    /// <summary>The client file: construction, sub-client properties, the endpoint list and the codec table.</summary>
    private static string EmitClientFile(ClientUnit unit)
    {
        var client = unit.ClientName;
        var w = StartFile(unit.Namespace);
        w.WriteSummary(null, "The endpoints of <see cref=\"" + client + "\"/>, as the transport sees them (path, rate limit, idempotency).");
        w.OpenBlock("public static partial class " + client + "Endpoints");
        w.WriteLine("// Assigned in the static constructor: it runs after the initializers of every partial part (one per area).");
        w.OpenBlock("static " + client + "Endpoints()");
        w.OpenBlock("All = new " + EndpointType + "[]");
        foreach (var e in unit.Endpoints)
        {
            w.WriteLine(e.Name + ",");
        }

        w.CloseBlock(";");
        w.CloseBlock();
        w.WriteLine();
        w.WriteSummary(null, "Every endpoint, in spec order.");
        w.WriteLine("public static global::System.Collections.Generic.IReadOnlyList<" + EndpointType + "> All { get; }");
        w.CloseBlock();
        w.WriteLine();

        w.WriteSummary(null, "Each endpoint's JSON codecs by path (<c>service/command</c>): read a request or response of any endpoint without reflection (the emulator, documented-examples tests). A class of its own, so the client never builds the table.");
        w.OpenBlock("public static partial class " + client + "Codecs");
        w.WriteSummary(null, "The codecs of every endpoint of <see cref=\"" + client + "\"/>, keyed by <see cref=\"" + EndpointType + ".Path\"/> (ordinal).");
        w.WriteLine("public static global::System.Collections.Generic.IReadOnlyDictionary<string, global::ImCsGen.Serialization.ImEndpointCodec> ByPath { get; } = Create();");
        w.WriteLine();
        w.OpenBlock("private static global::System.Collections.Generic.Dictionary<string, global::ImCsGen.Serialization.ImEndpointCodec> Create()");
        w.WriteLine("var codecs = new global::System.Collections.Generic.Dictionary<string, global::ImCsGen.Serialization.ImEndpointCodec>("
            + unit.Endpoints.Count.ToString(CultureInfo.InvariantCulture) + ", global::System.StringComparer.Ordinal);");
        foreach (var e in unit.Endpoints)
        {
            w.WriteLine("Add(codecs, new global::ImCsGen.Serialization.ImEndpointCodec(" + client + "Endpoints." + e.Name + ", " + e.Name + "Request.ReadJson, "
                + e.Name + "Response.ReadJson, static (response, writer) => ((" + e.Name + "Response)response).WriteJson(writer)));");
        }

        w.WriteLine("return codecs;");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("private static void Add(global::System.Collections.Generic.Dictionary<string, global::ImCsGen.Serialization.ImEndpointCodec> codecs, global::ImCsGen.Serialization.ImEndpointCodec codec)");
        w.WriteLine("    => codecs.Add(codec.Endpoint.Path, codec);");
        w.CloseBlock();
        w.WriteLine();

        w.WriteSummary(null, "Every call of <see cref=\"" + client + "\"/> in one interface, kept for existing code. It grows with every endpoint, so an implementation breaks"
            + " whenever one is added: to fake the client in tests, give it a fake <see cref=\"" + Transport + "\"/>, or override the virtual methods of a sub-client.");
        w.WriteLine(EditorHidden);
        w.OpenBlock("public partial interface I" + client);
        w.CloseBlock();
        w.WriteLine();

        w.WriteSummary(null, "Typed client for the IM REST endpoints of namespace " + unit.Namespace + ", one sub-client per endpoint group (<c>client."
            + (unit.SubClients.Count > 0 ? unit.SubClients[0].PropertyName : "Group") + "</c>). Every call goes through an <see cref=\"" + Transport
            + "\"/>, which validates, signs, rate-limits, retries and parses.");
        w.OpenBlock("public sealed partial class " + client + " : I" + client);
        w.WriteLine("private readonly " + Transport + " _transport;");
        w.WriteLine();
        w.WriteSummary(null, "Creates a client that sends through <paramref name=\"transport\"/>.");
        w.WriteLine("/// <param name=\"transport\">The transport: the HTTP one, the emulator's, or a test fake.</param>");
        w.OpenBlock("public " + client + "(" + Transport + " transport)");
        w.WriteLine("_transport = transport ?? throw new global::System.ArgumentNullException(nameof(transport));");
        foreach (var sub in unit.SubClients)
        {
            w.WriteLine(sub.PropertyName + " = new " + sub.ClassName + "(transport);");
        }

        w.CloseBlock();
        w.WriteLine();
        w.WriteSummary(null, "The transport every call goes through.");
        w.WriteLine("public " + Transport + " Transport => _transport;");
        foreach (var sub in unit.SubClients)
        {
            w.WriteLine();
            w.WriteSummary(null, "The calls of group <c>" + SourceWriter.Escape(sub.Group) + "</c>.");
            w.WriteLine("public " + sub.ClassName + " " + sub.PropertyName + " { get; }");
        }

        w.CloseBlock();
        return EndFile(w);
    }

    private static string Signature(EndpointModel e)
        => "global::System.Threading.Tasks.Task<" + e.Name + "Response> " + e.Name + "Async(" + e.Name + "Request request, global::System.Threading.CancellationToken cancellationToken = default)";

    private static void EmitMethodDocs(SourceWriter w, EndpointModel e)
    {
        w.WriteSummary(e.Summary, SourceWriter.Escape(e.Summary));
        var remarks = "<c>POST /v4/" + e.Service + "/" + e.Command + "</c> (group " + SourceWriter.Escape(e.Group) + "; default limit "
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
        w.WriteLine("/// <returns>The typed response; a failure answer throws <see cref=\"global::ImCsGen.ImException\"/>.</returns>");
    }
}
