using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.TencentCloud;
using ImCsGen.Tccc;
using ImCsGen.Validation;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ImCsGen.Runtime.Tests.TencentCloud;

/// <summary>The API 3.0 transport against a scripted Tencent: headers and signature, envelope, retries, redaction.</summary>
public sealed class TencentCloudTransportTests
{
    private const string SecretKey = "tccc-secret-key-0123456789";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static TencentCloudClientOptions Options(Action<TencentCloudClientOptions>? change = null)
    {
        var options = new TencentCloudClientOptions
        {
            SecretId = "AKIDtest",
            SecretKey = SecretKey,
            RetryBaseDelay = TimeSpan.Zero,
            RetryMaxDelay = TimeSpan.Zero,
            EnableRateLimiting = false,
        };
        change?.Invoke(options);
        return options;
    }

    private static (TcccClient Client, ScriptedTencent Tencent) Create(ScriptedTencent tencent, TencentCloudClientOptions? options = null)
    {
        var http = new HttpClient(tencent);
        var transport = new TencentCloudHttpTransport(() => http, options ?? Options(), null, new FakeTimeProvider(Now), null, () => 0.5, http);
        return (new TcccClient(transport), tencent);
    }

    private static DescribeIMCdrsRequest Cdrs(long? limit = null) => new() { SdkAppId = 1400000000, StartTimestamp = 1700000000, EndTimestamp = 1700086400, Limit = limit };

    private static CreateStaffRequest Staff() => new() { SdkAppId = 1400000000, Staffs = new List<SeatUserInfo> { new() { Name = "Li", Mail = "li@example.com", StaffNumber = "001" } } };

    private static string Error(string code, string message = "failed", string requestId = "req-err")
        => "{\"Response\":{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\"},\"RequestId\":\"" + requestId + "\"}}";

    [Fact]
    public async Task A_call_is_signed_with_tc3_and_carries_the_action_headers()
    {
        var tencent = new ScriptedTencent(_ => "{\"Response\":{\"TotalCount\":1,\"IMCdrList\":[{\"Id\":\"12933\",\"Duration\":100,\"EndStatus\":1,\"SessionId\":\"87fa1d7a\",\"SkillGroupId\":\"1001\",\"Satisfaction\":{\"Id\":1,\"Label\":\"满意\"}}],\"RequestId\":\"req-1\"}}");
        var (client, _) = Create(tencent);

        var response = await client.DescribeIMCdrsAsync(Cdrs(20));

        var sent = Assert.Single(tencent.Requests);
        Assert.Equal("https://ccc.tencentcloudapi.com/", sent.Uri.ToString());
        Assert.Equal("DescribeIMCdrs", sent.Headers["X-TC-Action"]);
        Assert.Equal("2020-02-10", sent.Headers["X-TC-Version"]);
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), sent.Headers["X-TC-Timestamp"]);
        Assert.False(sent.Headers.ContainsKey("X-TC-Token"));
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal("{\"StartTimestamp\":1700000000,\"EndTimestamp\":1700086400,\"SdkAppId\":1400000000,\"Limit\":20}", sent.Body);

        // The Authorization header is exactly what the signer gives for the bytes sent.
        var expected = Tc3Signer.Sign("AKIDtest", SecretKey, "ccc", "ccc.tencentcloudapi.com", "application/json", Now.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(sent.Body));
        Assert.Equal(expected.Authorization, sent.Headers["Authorization"]);

        Assert.Equal("req-1", response.RequestId);
        Assert.True(response.IsSuccess);
        Assert.Equal(1, response.TotalCount);
        var record = Assert.Single(response.IMCdrList!);
        Assert.Equal(("87fa1d7a", 1L, "1001", 1L, "满意"), (record.SessionId, record.EndStatus, record.SkillGroupId, record.Satisfaction!.Id, record.Satisfaction.Label));
    }

    [Fact]
    public async Task Temporary_credentials_send_their_token_and_the_options_headers()
    {
        var tencent = new ScriptedTencent(_ => "{\"Response\":{\"TotalCount\":0,\"RequestId\":\"r\"}}");
        var options = Options(o =>
        {
            o.CredentialProvider = new StaticTencentCloudCredentialProvider(new TencentCloudCredential("AKIDtmp", SecretKey, "sts-token"));
            o.Region = "ap-guangzhou";
            o.Language = "en-US";
            o.SignActionHeader = true;
        });
        var (client, _) = Create(tencent, options);

        await client.DescribeIMCdrsAsync(Cdrs());

        var sent = Assert.Single(tencent.Requests);
        Assert.Equal("sts-token", sent.Headers["X-TC-Token"]);
        Assert.Equal("ap-guangzhou", sent.Headers["X-TC-Region"]);
        Assert.Equal("en-US", sent.Headers["X-TC-Language"]);
        Assert.StartsWith("TC3-HMAC-SHA256 Credential=AKIDtmp/2026-12-01/ccc/tc3_request, SignedHeaders=content-type;host;x-tc-action, ", sent.Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frequency_limit_is_retried_even_for_an_unsafe_action_with_a_fresh_signature()
    {
        var tencent = new ScriptedTencent(r => r.Index == 1 ? Error("RequestLimitExceeded", "too fast") : "{\"Response\":{\"ErrorStaffList\":[],\"RequestId\":\"ok\"}}");
        var (client, _) = Create(tencent);

        var response = await client.CreateStaffAsync(Staff());

        Assert.Equal(2, tencent.Requests.Count);
        Assert.Equal("ok", response.RequestId);
        Assert.False(response.HasItemErrors);
    }

    [Fact]
    public async Task An_authentication_failure_is_final_and_its_exception_names_code_and_request_but_no_secret()
    {
        // Tencent's message echoing the key (as a misbehaving proxy might) must not reach the exception.
        var tencent = new ScriptedTencent(_ => Error("AuthFailure.SignatureFailure", "bad signature for key " + SecretKey, "req-auth"));
        var (client, _) = Create(tencent);

        var error = await Assert.ThrowsAsync<TencentCloudException>(() => client.DescribeIMCdrsAsync(Cdrs()));

        Assert.Single(tencent.Requests);
        Assert.Equal(("AuthFailure.SignatureFailure", "req-auth", "ccc:DescribeIMCdrs", 1), (error.Code, error.RequestId, error.Action, error.Attempts));
        Assert.Equal(ImRetryClass.Never, error.RetryClass);
        Assert.DoesNotContain(SecretKey, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("[redacted]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_internal_error_is_retried_for_an_idempotent_action_only()
    {
        var reads = new ScriptedTencent(r => r.Index == 1 ? Error("InternalError") : "{\"Response\":{\"TotalCount\":0,\"RequestId\":\"r\"}}");
        await Create(reads).Client.DescribeIMCdrsAsync(Cdrs());
        Assert.Equal(2, reads.Requests.Count);

        var creates = new ScriptedTencent(_ => Error("InternalError.DBError"));
        var error = await Assert.ThrowsAsync<TencentCloudException>(() => Create(creates).Client.CreateStaffAsync(Staff()));
        Assert.Single(creates.Requests);
        Assert.Equal("InternalError.DBError", error.Code);
    }

    [Fact]
    public async Task An_http_error_without_an_envelope_is_retried_for_reads()
    {
        var tencent = new ScriptedTencent(r => r.Index == 1 ? null : "{\"Response\":{\"TotalCount\":3,\"RequestId\":\"r\"}}");
        var response = await Create(tencent).Client.DescribeIMCdrsAsync(Cdrs());
        Assert.Equal(2, tencent.Requests.Count);
        Assert.Equal(3, response.TotalCount);
    }

    [Fact]
    public async Task A_broken_limit_is_refused_before_anything_is_sent()
    {
        var tencent = new ScriptedTencent(_ => throw new InvalidOperationException("must not be called"));
        var error = await Assert.ThrowsAsync<ImValidationException>(() => Create(tencent).Client.DescribeIMCdrsAsync(Cdrs(101)));
        Assert.Contains("Limit", error.Message, StringComparison.Ordinal);
        Assert.Empty(tencent.Requests);

        var tooMany = Staff();
        for (var i = 0; i < 10; i++)
        {
            tooMany.Staffs.Add(new SeatUserInfo { Name = "n" + i, Mail = i + "@example.com", StaffNumber = "1" + i });
        }

        var staffError = await Assert.ThrowsAsync<ImValidationException>(() => Create(tencent).Client.CreateStaffAsync(tooMany));
        Assert.Contains("Staffs", staffError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_temporary_credential_is_renewed_once()
    {
        var provider = new RenewingProvider();
        var tencent = new ScriptedTencent(r => r.Headers["X-TC-Token"] == "token-1" ? Error("AuthFailure.TokenFailure") : "{\"Response\":{\"TotalCount\":0,\"RequestId\":\"r\"}}");
        await Create(tencent, Options(o => o.CredentialProvider = provider)).Client.DescribeIMCdrsAsync(Cdrs());

        Assert.Equal(new[] { "token-1", "token-2" }, tencent.Requests.Select(r => r.Headers["X-TC-Token"]).ToArray());
        Assert.Equal(1, provider.Invalidated);
    }

    [Theory]
    [InlineData("RequestLimitExceeded", ImRetryClass.NotProcessed)]
    [InlineData("RequestLimitExceeded.UinLimitExceeded", ImRetryClass.NotProcessed)]
    [InlineData("InternalError", ImRetryClass.OutcomeUnknown)]
    [InlineData("InternalError.DBError", ImRetryClass.OutcomeUnknown)]
    [InlineData("ServiceUnavailable", ImRetryClass.OutcomeUnknown)]
    [InlineData("AuthFailure.SignatureExpire", ImRetryClass.Never)]
    [InlineData("AuthFailure.SecretIdNotFound", ImRetryClass.Never)]
    [InlineData("InvalidParameterValue.AccountNotExist", ImRetryClass.Never)]
    [InlineData("LimitExceeded.OutOfCountLimit", ImRetryClass.Never)]
    [InlineData("FailedOperation.DuplicatedAccount", ImRetryClass.Never)]
    [InlineData("RequestLimitExceededX", ImRetryClass.Never)]
    public void Tencent_cloud_error_codes_are_classified(string code, ImRetryClass expected)
        => Assert.Equal(expected, TencentCloudErrorCodes.Classify(code));

    [Fact]
    public void Options_name_each_bad_setting_and_never_show_the_key()
    {
        var failures = TencentCloudClientOptionsValidator.Check(new TencentCloudClientOptions { Endpoint = new Uri("http://example.com/"), Language = "fr-FR", MaxRetryAttempts = 20 });
        Assert.Contains(failures, f => f.StartsWith("TencentCcc:SecretId ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("TencentCcc:SecretKey ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("TencentCcc:Endpoint ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("TencentCcc:Language ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("TencentCcc:MaxRetryAttempts ", StringComparison.Ordinal));
        Assert.Empty(TencentCloudClientOptionsValidator.Check(Options(o => o.Endpoint = new Uri("http://127.0.0.1:5000/"))));
        Assert.DoesNotContain(SecretKey, Options().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_action_table_matches_the_spec_family()
    {
        Assert.Equal(25, TcccClientActions.All.Count);
        Assert.All(TcccClientActions.All, a => Assert.Equal(("ccc", "2020-02-10", "ccc.tencentcloudapi.com"), (a.Service, a.Version, a.Host)));
        Assert.Equal(ImCsGen.Transport.ImIdempotency.Idempotent, TcccClientActions.DescribeChatMessages.Idempotency);
        Assert.Equal(ImCsGen.Transport.ImIdempotency.Unsafe, TcccClientActions.TransferToManual.Idempotency);
        var attribute = (ImCsGen.Metadata.TencentCloudActionAttribute)Attribute.GetCustomAttribute(typeof(DescribeIMCdrsRequest), typeof(ImCsGen.Metadata.TencentCloudActionAttribute))!;
        Assert.Equal(("DescribeIMCdrs", "ccc", 20), (attribute.Action, attribute.Service, attribute.RateLimitPerSecond));
    }

    internal sealed record SentRequest(int Index, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? ContentType, string Body);

    /// <summary>Stands in for ccc.tencentcloudapi.com: records requests (headers included) and answers from a script; null = HTTP 502.</summary>
    internal sealed class ScriptedTencent : HttpMessageHandler
    {
        private readonly Func<SentRequest, string?> _answer;
        private readonly ConcurrentQueue<SentRequest> _requests = new();
        private int _count;

        public ScriptedTencent(Func<SentRequest, string?> answer) => _answer = answer;

        public IReadOnlyList<SentRequest> Requests => _requests.ToList();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in request.Headers)
            {
                headers[header.Key] = string.Join(",", header.Value);
            }

            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var sent = new SentRequest(Interlocked.Increment(ref _count), request.RequestUri!, headers, request.Content?.Headers.ContentType?.ToString(), body);
            _requests.Enqueue(sent);
            var answer = _answer(sent);
            return answer is null
                ? new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") }
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
        }
    }

    private sealed class RenewingProvider : ITencentCloudCredentialProvider
    {
        private int _generation = 1;

        public int Invalidated { get; private set; }

        public ValueTask<TencentCloudCredential> GetCredentialAsync(CancellationToken cancellationToken)
            => new(new TencentCloudCredential("AKIDtmp", SecretKey, "token-" + _generation.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        public void Invalidate(TencentCloudCredential credential)
        {
            Invalidated++;
            _generation++;
        }
    }
}
