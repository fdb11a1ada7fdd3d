using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ImCsGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// Types shaped exactly like the generator's output (same attributes and values), compiled into a separate
/// in-memory assembly so every test also proves that the analyzers read metadata from referenced assemblies.
/// They live in <c>Contoso.Im</c>, as a consumer's own spec module would, so they never clash with the
/// built-in <c>ImCsGen.Im</c> types once the runtime ships them.
/// </summary>
internal static class StandIns
{
    public const string Requests = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using ImCsGen.Metadata;
        using ImCsGen.Transport;

        namespace Contoso.Im
        {
            [ImEndpoint("openim/sendmsg", Name = "SendC2CMessage", Group = "c2c_message", RateLimitPerSecond = 200, RequiresAdmin = true, Idempotency = ImIdempotency.Deduplicated)]
            public sealed class SendC2CMessageRequest
            {
                [ImField("SyncOtherMachine")]
                [ImRange(1, 2)]
                public int? SyncOtherMachine { get; set; }

                [ImField("From_Account", Role = ImFieldRole.MessageSender, Kind = ImValueKind.UserId)]
                [ImMaxBytes(32)]
                public string? FromAccount { get; set; }

                [ImField("To_Account", Required = true, Role = ImFieldRole.MessageRecipient, Kind = ImValueKind.UserId)]
                [ImMaxBytes(32)]
                public required string ToAccount { get; set; }

                [ImField("MsgLifeTime")]
                [ImRange(0, 604800)]
                public int? MsgLifeTime { get; set; }

                [ImField("MsgRandom", Role = ImFieldRole.MessageRandom)]
                public uint? MsgRandom { get; set; }

                [ImField("MsgBody", Required = true)]
                [ImMinItems(1)]
                [ImMaxJsonBytes(12288)]
                public required IList<MsgBodyElement> MsgBody { get; set; }

                [ImField("CloudCustomData")]
                [ImMaxBytes(12288)]
                public string? CloudCustomData { get; set; }
            }

            [ImEndpoint("openim/batchsendmsg", Name = "BatchSendC2CMessage", Group = "c2c_message", Idempotency = ImIdempotency.Deduplicated)]
            public sealed class BatchSendC2CMessageRequest
            {
                [ImField("From_Account", Role = ImFieldRole.MessageSender, Kind = ImValueKind.UserId)]
                [ImMaxBytes(32)]
                public string? FromAccount { get; set; }

                [ImField("To_Account", Required = true, Role = ImFieldRole.MessageRecipient, Kind = ImValueKind.UserId)]
                [ImMinItems(1)]
                [ImMaxItems(500)]
                public required IList<string> ToAccount { get; set; }

                [ImField("MsgRandom", Role = ImFieldRole.MessageRandom)]
                public uint? MsgRandom { get; set; }

                [ImField("MsgBody", Required = true)]
                [ImMinItems(1)]
                public required IList<MsgBodyElement> MsgBody { get; set; }
            }

            [ImEndpoint("openim/importmsg", Name = "ImportC2CMessage", Group = "c2c_message", Idempotency = ImIdempotency.Deduplicated)]
            public sealed class ImportC2CMessageRequest
            {
                [ImField("From_Account", Required = true, Role = ImFieldRole.MessageSender, Kind = ImValueKind.UserId)]
                [ImMaxBytes(32)]
                public required string FromAccount { get; set; }

                [ImField("To_Account", Required = true, Role = ImFieldRole.MessageRecipient, Kind = ImValueKind.UserId)]
                [ImMaxBytes(32)]
                public required string ToAccount { get; set; }

                [ImField("MsgRandom", Required = true, Role = ImFieldRole.MessageRandom)]
                public required uint MsgRandom { get; set; }

                [ImField("MsgBody", Required = true)]
                [ImMinItems(1)]
                public required IList<MsgBodyElement> MsgBody { get; set; }
            }

            [ImEndpoint("im_open_login_svc/account_import", Name = "ImportAccount", Group = "account", Idempotency = ImIdempotency.Idempotent)]
            public sealed class ImportAccountRequest
            {
                [ImField("UserID", Required = true, Kind = ImValueKind.UserId)]
                [ImMaxBytes(32)]
                public required string UserId { get; set; }

                [ImField("Nick")]
                [ImMaxBytes(500)]
                public string? Nick { get; set; }

                [ImField("FaceUrl")]
                [ImPattern("https?://\\S+")]
                public string? FaceUrl { get; set; }
            }

            public abstract class MsgBodyElement
            {
                public abstract string MsgType { get; }
            }

            public sealed class TIMTextElem : MsgBodyElement
            {
                public override string MsgType => "TIMTextElem";

                public required string Text { get; set; }
            }

            public sealed class TIMCustomElem : MsgBodyElement
            {
                public override string MsgType => "TIMCustomElem";

                public string? Data { get; set; }
            }

            public sealed class SendC2CMessageResponse
            {
                public long? MsgTime { get; set; }
            }

            public sealed class ContosoClient
            {
                public ContosoClient(IImTransport transport) => Transport = transport;

                public IImTransport Transport { get; }

                public Task<SendC2CMessageResponse> SendC2CMessageAsync(SendC2CMessageRequest request, CancellationToken cancellationToken = default) => Task.FromResult(new SendC2CMessageResponse());

                public Task<SendC2CMessageResponse> BatchSendC2CMessageAsync(BatchSendC2CMessageRequest request, CancellationToken cancellationToken = default) => Task.FromResult(new SendC2CMessageResponse());

                public Task<SendC2CMessageResponse> ImportC2CMessageAsync(ImportC2CMessageRequest request, CancellationToken cancellationToken = default) => Task.FromResult(new SendC2CMessageResponse());

                public Task<SendC2CMessageResponse> ImportAccountAsync(ImportAccountRequest request, CancellationToken cancellationToken = default) => Task.FromResult(new SendC2CMessageResponse());
            }
        }
        """;

    // Used only while the runtime does not have these types yet (see RuntimeStandIns); same full names and signatures.
    private const string OptionsStandIn = """
        namespace ImCsGen
        {
            public sealed class ImClientOptions
            {
                public long SdkAppId { get; set; }
                public string Identifier { get; set; } = "administrator";
                public string? SecretKey { get; set; }
                public System.TimeSpan UserSigLifetime { get; set; } = System.TimeSpan.FromDays(1);
            }
        }
        """;

    private const string UserSigStandIn = """
        namespace ImCsGen.Auth
        {
            public static class UserSig
            {
                public static string Generate(long sdkAppId, string secretKey, string identifier, System.TimeSpan lifetime, System.DateTimeOffset now, byte[]? userBuf = null) => "sig";
            }
        }
        """;

    private const string TransportStandIn = """
        namespace ImCsGen.Transport
        {
            public sealed class ImHttpTransport
            {
                public ImHttpTransport(System.Net.Http.HttpClient httpClient, ImCsGen.ImClientOptions options) { }
            }
        }
        """;

    private static readonly Lazy<MetadataReference> LazyReference = new(Build);

    /// <summary>The compiled stand-in assembly.</summary>
    public static MetadataReference Reference => LazyReference.Value;

    /// <summary>Which runtime types the stand-in assembly had to provide (empty once the runtime has them all).</summary>
    public static IReadOnlyList<string> RuntimeStandIns { get; private set; } = Array.Empty<string>();

    private static MetadataReference Build()
    {
        var runtime = typeof(ImCsGen.Metadata.ImFieldAttribute).Assembly;
        var sources = new List<string> { Requests };
        var missing = new List<string>();
        AddIfMissing("ImCsGen.ImClientOptions", OptionsStandIn);
        AddIfMissing("ImCsGen.Auth.UserSig", UserSigStandIn);
        AddIfMissing("ImCsGen.Transport.ImHttpTransport", TransportStandIn);
        RuntimeStandIns = missing;

        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        var compilation = CSharpCompilation.Create(
            "Contoso.Im",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, parse)),
            TestReferences.Framework.AddRange(TestReferences.Runtime),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("Stand-in types do not compile:\n" + string.Join("\n", result.Diagnostics));
        }

        return MetadataReference.CreateFromImage(ImmutableArray.Create(stream.ToArray()));

        void AddIfMissing(string fullName, string source)
        {
            if (runtime.GetType(fullName) is null)
            {
                sources.Add(source);
                missing.Add(fullName);
            }
        }
    }
}
