using System;
using System.Threading.Tasks;
using ImCsGen.Auth;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

public sealed class AuthenticationTests : IAsyncLifetime
{
    private TestEmulator _t = null!;

    public async Task InitializeAsync() => _t = await TestEmulator.StartAsync(o => o.Administrators = new[] { "administrator", "ops_admin" });

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private string Sig(string identifier, long? sdkAppId = null, string? key = null, TimeSpan? lifetime = null, DateTimeOffset? now = null)
        => UserSig.Generate(sdkAppId ?? _t.Emulator.Options.SdkAppId, key ?? _t.Emulator.Options.SecretKey, identifier, lifetime ?? TimeSpan.FromHours(1), now ?? DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_correctly_signed_administrator_call_succeeds()
    {
        using var answer = await _t.RawAsync("im_open_login_svc/account_check", _t.Query(), """{"CheckItem":[{"UserID":"nobody"}]}""");
        Assert.Equal(0, answer.Code());
        Assert.Equal("OK", answer.RootElement.GetProperty("ActionStatus").GetString());
        Assert.Equal("NotImported", answer.RootElement.GetProperty("ResultItem")[0].GetProperty("AccountStatus").GetString());
    }

    [Theory]
    [InlineData("identifier=administrator&usersig=x", 60012)]
    [InlineData("sdkappid=abc&identifier=administrator&usersig=x", 60006)]
    [InlineData("sdkappid=1400000001&identifier=administrator&usersig=x", 70020)]
    [InlineData("sdkappid=1400000000&usersig=x", 60004)]
    [InlineData("sdkappid=1400000000&identifier=administrator", 60005)]
    [InlineData("sdkappid=1400000000&identifier=administrator&usersig=not-a-usersig", 70003)]
    [InlineData("sdkappid=1400000000&identifier=administrator&usersig=x&random=-1", 60002)]
    [InlineData("sdkappid=1400000000&identifier=administrator&usersig=x&contenttype=xml", 60002)]
    public async Task Url_problems_get_their_codes(string query, int code)
    {
        using var answer = await _t.RawAsync("openim/sendmsg", query);
        Assert.Equal(code, answer.Code());
        Assert.Equal("FAIL", answer.RootElement.GetProperty("ActionStatus").GetString());
    }

    [Fact]
    public async Task An_expired_usersig_gets_70001()
    {
        var sig = Sig("administrator", lifetime: TimeSpan.FromSeconds(60), now: DateTimeOffset.UtcNow.AddHours(-2));
        using var answer = await _t.RawAsync("openim/sendmsg", _t.Query(userSig: sig));
        Assert.Equal(70001, answer.Code());
    }

    [Fact]
    public async Task A_usersig_signed_with_another_key_gets_70009()
    {
        using var answer = await _t.RawAsync("openim/sendmsg", _t.Query(userSig: Sig("administrator", key: "some-other-secret-key")));
        Assert.Equal(70009, answer.Code());
    }

    [Fact]
    public async Task A_usersig_of_another_identifier_gets_70013()
    {
        using var answer = await _t.RawAsync("openim/sendmsg", _t.Query(identifier: "administrator", userSig: Sig("ops_admin")));
        Assert.Equal(70013, answer.Code());
    }

    [Fact]
    public async Task A_usersig_of_another_sdkappid_gets_70014()
    {
        using var answer = await _t.RawAsync("openim/sendmsg", _t.Query(userSig: Sig("administrator", sdkAppId: 1400000999)));
        Assert.Equal(70014, answer.Code());
    }

    [Fact]
    public async Task A_valid_usersig_of_a_non_administrator_gets_60010()
    {
        using var answer = await _t.RawAsync("openim/sendmsg", _t.Query(identifier: "customer_1", userSig: Sig("customer_1")));
        Assert.Equal(60010, answer.Code());
    }

    [Fact]
    public async Task A_second_administrator_is_accepted()
    {
        using var answer = await _t.RawAsync("ConfigSvc/GetIPList", _t.Query(identifier: "ops_admin"));
        Assert.Equal(0, answer.Code());
        Assert.Equal("127.0.0.1", answer.RootElement.GetProperty("IPList")[0].GetString());
    }

    [Fact]
    public async Task An_unknown_command_gets_60009_and_a_bad_body_60003()
    {
        using var unknown = await _t.RawAsync("openim/no_such_command", _t.Query());
        Assert.Equal(60009, unknown.Code());
        using var badJson = await _t.RawAsync("openim/sendmsg", _t.Query(), "{not json");
        Assert.Equal(60003, badJson.Code());
    }

    [Fact]
    public async Task A_wrongly_typed_value_inside_an_item_gets_the_groups_invalid_parameter_code()
    {
        (await _t.RawAsync("im_open_login_svc/account_import", _t.Query(), """{"UserID":"typed_x"}""")).Dispose();
        (await _t.RawAsync("sns/friend_import", _t.Query(), """{"From_Account":"administrator","AddFriendItem":[{"To_Account":"typed_x","AddSource":"AddSource_Type_T"}]}""")).Dispose();
        using var answer = await _t.RawAsync("sns/friend_update", _t.Query(), """{"From_Account":"administrator","UpdateItem":[{"To_Account":"typed_x","SnsItem":[{"Tag":"Tag_SNS_IM_Group","Value":[5]}]}]}""");
        Assert.Equal(30001, answer.Code());
        Assert.StartsWith("invalid request body", answer.RootElement.GetProperty("ErrorInfo").GetString(), StringComparison.Ordinal);
        using var typed = await _t.RawAsync("im_open_login_svc/account_import", _t.Query(), """{"UserID":17}""");
        Assert.Equal(70402, typed.Code());
        Assert.Contains("UserID", typed.RootElement.GetProperty("ErrorInfo").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_info_never_contains_the_usersig()
    {
        var sig = Sig("ops_admin");
        using var answer = await _t.RawAsync("openim/sendmsg", _t.Query(identifier: "administrator", userSig: sig));
        Assert.DoesNotContain(sig, answer.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_generated_client_with_a_wrong_key_fails_with_70009()
    {
        var client = ImClient.Create(new ImClientOptions
        {
            SdkAppId = _t.Emulator.Options.SdkAppId,
            Identifier = "administrator",
            SecretKey = "a-wrong-secret-key-for-this-app",
            BaseAddress = _t.Emulator.BaseAddress,
        });
        var error = await Assert.ThrowsAsync<ImException>(() => client.GetServerIpListAsync(new GetServerIpListRequest()));
        Assert.Equal(70009, error.ErrorCode);
    }

    [Fact]
    public async Task The_generated_client_as_a_non_administrator_fails_with_60010()
    {
        var client = ImClient.Create(new ImClientOptions
        {
            SdkAppId = _t.Emulator.Options.SdkAppId,
            Identifier = "customer_1",
            SecretKey = _t.Emulator.Options.SecretKey,
            BaseAddress = _t.Emulator.BaseAddress,
        });
        var error = await Assert.ThrowsAsync<ImException>(() => client.GetServerIpListAsync(new GetServerIpListRequest()));
        Assert.Equal(60010, error.ErrorCode);
    }
}
