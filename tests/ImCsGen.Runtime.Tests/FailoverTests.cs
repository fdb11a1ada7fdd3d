using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using ImCsGen.Runtime.Tests.Support;
using Xunit;

namespace ImCsGen.Runtime.Tests;

public class FailoverTests
{
    private static FakeHttpHandler PrimaryDown(string primaryHost, HttpRequestError error = HttpRequestError.NameResolutionError)
        => new(request => string.Equals(request.Uri.Host, primaryHost, StringComparison.Ordinal)
            ? throw new HttpRequestException(error, "Name or service not known (" + primaryHost + ":443)")
            : FakeHttpHandler.Ok());

    [Theory]
    [InlineData(ImRegion.China, "console.tim.qq.com", "adminapi.my-imcloud.com")]
    [InlineData(ImRegion.Singapore, "adminapisgp.im.qcloud.com", "adminapisgp.my-imcloud.com")]
    [InlineData(ImRegion.Seoul, "adminapikr.im.qcloud.com", "adminapikr.my-imcloud.com")]
    [InlineData(ImRegion.Frankfurt, "adminapiger.im.qcloud.com", "adminapiger.my-imcloud.com")]
    [InlineData(ImRegion.Mumbai, "adminapiind.im.qcloud.com", "adminapiind.my-imcloud.com")]
    [InlineData(ImRegion.SiliconValley, "adminapiusa.im.qcloud.com", "adminapiusa.my-imcloud.com")]
    [InlineData(ImRegion.Jakarta, "adminapiidn.im.qcloud.com", "adminapiidn.my-imcloud.com")]
    public async Task A_dns_failure_fails_over_to_the_standby_domain_and_logs_it(ImRegion region, string primary, string standby)
    {
        using var t = new TestTransport(PrimaryDown(primary), o => o.Region = region);

        var response = await t.SendAsync(new FakeRequest(FakeRequest.Unsafe));

        Assert.True(response.IsSuccess);
        Assert.Equal(new[] { primary, standby }, t.Handler.Requests.Select(r => r.Uri.Host));
        Assert.Contains(t.LogProvider.Collector.GetSnapshot(), r => r.Message.Contains("failing over to standby domain " + standby, StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_failover_calls_stay_on_the_standby_for_FailoverDuration_then_try_the_primary()
    {
        // FailoverThreshold 1: the first connect failure switches every call (the default, 3, is tested in TransportFaultTests).
        using var t = new TestTransport(PrimaryDown("console.tim.qq.com", HttpRequestError.ConnectionError), o => (o.FailoverDuration, o.FailoverThreshold) = (TimeSpan.FromMinutes(5), 1));
        await t.SendAsync(TestTransport.SendMsg());

        await t.SendAsync(TestTransport.SendMsg());
        Assert.Equal("adminapi.my-imcloud.com", t.Handler.Requests[^1].Uri.Host);
        Assert.Equal(3, t.Handler.Count);

        t.Time.Advance(TimeSpan.FromMinutes(6));
        await t.SendAsync(TestTransport.SendMsg());
        Assert.Equal(new[] { "console.tim.qq.com", "adminapi.my-imcloud.com" }, t.Handler.Requests.Skip(3).Select(r => r.Uri.Host));
    }

    [Fact]
    public async Task Tokyo_has_no_standby_and_keeps_its_domain()
    {
        using var t = new TestTransport(PrimaryDown("adminapijpn.im.qcloud.com"), o => o.Region = ImRegion.Tokyo);

        var error = await Assert.ThrowsAsync<ImTransportException>(() => t.SendAsync(TestTransport.SendMsg()));

        Assert.True(error.CertainlyNotProcessed);
        Assert.All(t.Handler.Requests, r => Assert.Equal("adminapijpn.im.qcloud.com", r.Uri.Host));
        Assert.Equal(4, t.Handler.Count);
        Assert.DoesNotContain(t.LogProvider.Collector.GetSnapshot(), r => r.Message.Contains("standby", StringComparison.Ordinal));
    }

    [Fact]
    public void Standby_domains_match_the_documentation()
    {
        Assert.Null(ImRegions.GetStandbyHost(ImRegion.Tokyo));
        foreach (var region in Enum.GetValues<ImRegion>().Where(r => r != ImRegion.Tokyo))
        {
            Assert.EndsWith(".my-imcloud.com", ImRegions.GetStandbyHost(region), StringComparison.Ordinal);
        }
    }
}
