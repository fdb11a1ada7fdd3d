using System;
using System.Net;
using System.Threading.Tasks;
using ImCsGen.Runtime.Tests.Support;
using ImCsGen.Serialization;
using Xunit;

namespace ImCsGen.Runtime.Tests;

public class EnvelopeTests
{
    [Fact]
    public async Task A_FAIL_envelope_becomes_an_ImException_with_code_meaning_endpoint_and_request_id()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(60010, "need admin", "req-42")));

        var error = await Assert.ThrowsAsync<ImException>(() => t.SendAsync(TestTransport.SendMsg()));

        Assert.Equal(60010, error.ErrorCode);
        Assert.Equal("need admin", error.ErrorInfo);
        Assert.Equal("req-42", error.RequestId);
        Assert.Equal("openim/sendmsg", error.Endpoint);
        Assert.Equal("the identifier is not an App administrator", error.Meaning);
        Assert.Equal(ImErrorCategory.Permission, error.Category);
        Assert.False(error.IsRetryable);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(200, error.HttpStatusCode);
        Assert.Contains("60010", error.Message, StringComparison.Ordinal);
        Assert.Contains("req-42", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60003, ImErrorCategory.InvalidRequest, false)]
    [InlineData(60004, ImErrorCategory.Authentication, false)]
    [InlineData(60007, ImErrorCategory.RateLimited, true)]
    [InlineData(60008, ImErrorCategory.Transient, true)]
    [InlineData(60020, ImErrorCategory.Permission, false)]
    [InlineData(70009, ImErrorCategory.Authentication, false)]
    [InlineData(70050, ImErrorCategory.RateLimited, true)]
    [InlineData(70107, ImErrorCategory.Account, false)]
    [InlineData(90003, ImErrorCategory.Other, false)]
    public async Task Each_error_class_is_reported(int code, ImErrorCategory category, bool retryable)
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(code)), o => o.MaxRetryAttempts = 0);

        var error = await Assert.ThrowsAsync<ImException>(() => t.SendAsync(new FakeRequest(FakeRequest.Unsafe)));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(category, error.Category);
        Assert.Equal(retryable, error.IsRetryable);
        Assert.Equal(category == ImErrorCategory.RateLimited, error.IsRateLimited);
        Assert.False(string.IsNullOrEmpty(error.Meaning));
    }

    [Fact]
    public async Task An_error_envelope_with_a_non_200_status_keeps_its_im_code()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Json("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":60002,\"ErrorInfo\":\"bad url\"}", HttpStatusCode.BadRequest)));

        var error = await Assert.ThrowsAsync<ImException>(() => t.SendAsync(TestTransport.SendMsg()));

        Assert.IsNotType<ImTransportException>(error);
        Assert.Equal(60002, error.ErrorCode);
        Assert.Equal(400, error.HttpStatusCode);
    }

    [Fact]
    public async Task An_http_error_without_envelope_is_a_transport_exception()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Json("<html>bad gateway</html>", HttpStatusCode.Forbidden)));

        var error = await Assert.ThrowsAsync<ImTransportException>(() => t.SendAsync(TestTransport.SendMsg()));

        Assert.Equal(ImErrorCodes.HttpError, error.ErrorCode);
        Assert.Equal(403, error.HttpStatusCode);
        Assert.Equal(ImErrorCategory.Transport, error.Category);
        Assert.False(error.IsRetryable);
        Assert.Equal(1, t.Handler.Count);
    }

    [Fact]
    public async Task An_unreadable_body_is_an_invalid_response()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Json("not json")), o => o.MaxRetryAttempts = 0);

        var error = await Assert.ThrowsAsync<ImTransportException>(() => t.SendAsync(TestTransport.SendMsg()));

        Assert.Equal(ImErrorCodes.InvalidResponse, error.ErrorCode);
        Assert.False(error.CertainlyNotProcessed);
    }

    [Fact]
    public async Task A_failure_whose_body_breaks_the_typed_reader_still_reports_the_envelope()
    {
        // MsgTime "abc" cannot be read as a number by the typed reader; the envelope still says 20004.
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Json("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":20004,\"ErrorInfo\":\"x\",\"MsgTime\":\"abc\"}")), o => o.MaxRetryAttempts = 0);

        var error = await Assert.ThrowsAsync<ImException>(() => t.SendAsync(TestTransport.SendMsg()));

        Assert.Equal(20004, error.ErrorCode);
    }

    [Fact]
    public async Task Per_item_failures_are_returned_typed_and_logged()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok("\"FailAccounts\":[\"bad1\",\"bad2\"],\"RequestId\":\"r-9\"")));

        var response = await t.Transport.SendAsync<FakeRequest, FakeBatchResponse>(new FakeRequest(FakeRequest.Idempotent), default);

        Assert.True(response.IsSuccess);
        Assert.True(response.HasItemErrors);
        Assert.Equal(new[] { "bad1", "bad2" }, response.FailedAccounts);
        Assert.Contains(t.LogProvider.Collector.GetSnapshot(), r => r.Message.Contains("per-item failures", StringComparison.Ordinal) && r.Message.Contains("r-9", StringComparison.Ordinal));
    }

    [Fact]
    public void The_meaning_table_covers_the_documented_codes()
    {
        foreach (var code in new[] { 60002, 60003, 60004, 60005, 60006, 60007, 60008, 60009, 60010, 60011, 60012, 60013, 60014, 60015, 60016, 60017, 60018, 60019, 60020, 60021, 70001, 70003, 70009, 70013, 70014, 70016, 70020, 70050, 70051, 70107, 10002, 20004, 20005 })
        {
            Assert.NotEqual(ImErrorCategory.Other, ImErrorCodes.Describe(code).Category);
        }

        Assert.Equal(ImRetryClass.NotProcessed, ImErrorCodes.Describe(60007).Retry);
        Assert.Equal(ImRetryClass.OutcomeUnknown, ImErrorCodes.Describe(60008).Retry);
        Assert.Equal(ImRetryClass.RenewUserSig, ImErrorCodes.Describe(70001).Retry);
        Assert.Equal(ImRetryClass.AfterLongWait, ImErrorCodes.Describe(70050).Retry);
        Assert.Equal(ImRetryClass.Never, ImErrorCodes.Describe(60010).Retry);
    }
}
