using System;
using System.Linq;
using System.Threading.Tasks;
using ImCsGen.Runtime.Tests.Support;
using ImCsGen.Validation;
using Xunit;

namespace ImCsGen.Runtime.Tests;

public class ValidationTests
{
    [Theory]
    [InlineData("", "To_Account", "userId")]
    [InlineData("this-account-name-is-longer-than-32-bytes", "To_Account", "userId")]
    public async Task A_bad_account_is_rejected_before_anything_is_sent(string to, string field, string rule)
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()));

        var error = await Assert.ThrowsAsync<ImValidationException>(() => t.SendAsync(TestTransport.SendMsg(to)));

        Assert.Equal(field, error.Field);
        Assert.Equal(rule, error.Rule);
        Assert.Equal(0, t.Handler.Count);
    }

    [Fact]
    public async Task An_empty_body_is_rejected_before_anything_is_sent()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()));
        var request = new FakeSendMsgRequest { ToAccount = "u", Texts = Array.Empty<string>() };

        var error = await Assert.ThrowsAsync<ImValidationException>(() => t.SendAsync(request));

        Assert.Equal("MsgBody", error.Field);
        Assert.Equal("minItems", error.Rule);
        Assert.Equal(0, t.Handler.Count);
        Assert.Null(request.MsgRandom);
    }

    [Fact]
    public async Task A_message_over_12_KB_is_rejected_before_anything_is_sent()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()));
        var request = new FakeSendMsgRequest { ToAccount = "u", Texts = new[] { new string('x', 12300) } };

        var error = await Assert.ThrowsAsync<ImValidationException>(() => t.SendAsync(request));

        Assert.Equal("maxJsonBytes", error.Rule);
        Assert.Equal(0, t.Handler.Count);
    }

    [Fact]
    public async Task The_generated_batch_limit_is_enforced_before_sending()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()));
        var client = new ImCsGen.Im.ImClient(t.Transport);
        var request = new ImCsGen.Im.CheckAccountsRequest
        {
            CheckItem = Enumerable.Range(0, 101).Select(i => new ImCsGen.Im.AccountCheckItem { UserID = "u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList(),
        };

        var error = await Assert.ThrowsAsync<ImValidationException>(() => client.CheckAccountsAsync(request));

        Assert.Equal("maxItems", error.Rule);
        Assert.Contains("CheckItem", error.Field, StringComparison.Ordinal);
        Assert.Equal(0, t.Handler.Count);
    }
}
