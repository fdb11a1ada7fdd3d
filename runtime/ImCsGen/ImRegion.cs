using System;

namespace ImCsGen;

/// <summary>The data centre of an SDKAppID; it decides the REST domain. Chosen when the app was created.</summary>
public enum ImRegion
{
    /// <summary>Chinese mainland: console.tim.qq.com, standby adminapi.my-imcloud.com.</summary>
    China = 0,

    /// <summary>Singapore: adminapisgp.im.qcloud.com, standby adminapisgp.my-imcloud.com.</summary>
    Singapore = 1,

    /// <summary>Seoul: adminapikr.im.qcloud.com, standby adminapikr.my-imcloud.com.</summary>
    Seoul = 2,

    /// <summary>Frankfurt: adminapiger.im.qcloud.com, standby adminapiger.my-imcloud.com.</summary>
    Frankfurt = 3,

    /// <summary>Mumbai: adminapiind.im.qcloud.com, standby adminapiind.my-imcloud.com.</summary>
    Mumbai = 4,

    /// <summary>Silicon Valley: adminapiusa.im.qcloud.com, standby adminapiusa.my-imcloud.com.</summary>
    SiliconValley = 5,

    /// <summary>Jakarta: adminapiidn.im.qcloud.com, standby adminapiidn.my-imcloud.com.</summary>
    Jakarta = 6,

    /// <summary>Tokyo: adminapijpn.im.qcloud.com (Tencent documents no standby domain).</summary>
    Tokyo = 7,
}

/// <summary>The REST domains of each <see cref="ImRegion"/>, from Tencent's documentation.</summary>
public static class ImRegions
{
    /// <summary>The primary REST domain of <paramref name="region"/>.</summary>
    public static string GetPrimaryHost(ImRegion region) => region switch
    {
        ImRegion.China => "console.tim.qq.com",
        ImRegion.Singapore => "adminapisgp.im.qcloud.com",
        ImRegion.Seoul => "adminapikr.im.qcloud.com",
        ImRegion.Frankfurt => "adminapiger.im.qcloud.com",
        ImRegion.Mumbai => "adminapiind.im.qcloud.com",
        ImRegion.SiliconValley => "adminapiusa.im.qcloud.com",
        ImRegion.Jakarta => "adminapiidn.im.qcloud.com",
        ImRegion.Tokyo => "adminapijpn.im.qcloud.com",
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, "Unknown IM region."),
    };

    /// <summary>
    /// The standby domain Tencent recommends when the primary cannot be resolved or reached, or null
    /// when the region has none.
    /// </summary>
    public static string? GetStandbyHost(ImRegion region) => region switch
    {
        ImRegion.China => "adminapi.my-imcloud.com",
        ImRegion.Singapore => "adminapisgp.my-imcloud.com",
        ImRegion.Seoul => "adminapikr.my-imcloud.com",
        ImRegion.Frankfurt => "adminapiger.my-imcloud.com",
        ImRegion.Mumbai => "adminapiind.my-imcloud.com",
        ImRegion.SiliconValley => "adminapiusa.my-imcloud.com",
        ImRegion.Jakarta => "adminapiidn.my-imcloud.com",
        ImRegion.Tokyo => null,
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, "Unknown IM region."),
    };
}
