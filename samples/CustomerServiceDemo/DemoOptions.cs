using System;
using System.Globalization;

namespace CustomerServiceDemo;

/// <summary>Command-line options of the demo. Without <see cref="Endpoint"/> it runs against the embedded emulator.</summary>
public sealed class DemoOptions
{
    /// <summary>How to call the demo.</summary>
    public const string Usage = "usage: CustomerServiceDemo [--endpoint https://host --sdkappid N --identifier ADMIN] [--customer USERID] [--virtual-account USERID]\n"
        + "                          [--tccc-secret-id AKID... [--tccc-sdkappid N] [--tccc-endpoint https://ccc.tencentcloudapi.com/] [--tccc-agent EMAIL]]\n"
        + "       the secret key of a real App is read from the IMCSGEN_SECRET_KEY environment variable,\n"
        + "       the Tencent Cloud API key's SecretKey (TCCC) from IMCSGEN_TCCC_SECRET_KEY.";

    /// <summary>The environment variable holding the Tencent Cloud API SecretKey for TCCC.</summary>
    public const string TcccSecretKeyVariable = "IMCSGEN_TCCC_SECRET_KEY";

    /// <summary>A real App's REST domain; null = embedded emulator.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The real App's SDKAppID.</summary>
    public long SdkAppId { get; set; }

    /// <summary>The real App's administrator.</summary>
    public string? Identifier { get; set; }

    /// <summary>The real App's secret key (from the environment only, never from the command line).</summary>
    public string? SecretKey { get; set; }

    /// <summary>The customer's UserID.</summary>
    public string Customer { get; set; } = "customer_1001";

    /// <summary>The customer-service virtual account.</summary>
    public string VirtualAccount { get; set; } = "@customer_service_account";

    /// <summary>The Tencent Cloud API key's SecretId for TCCC (<c>--tccc-secret-id</c>); null = the embedded emulator's TCCC side.</summary>
    public string? TcccSecretId { get; set; }

    /// <summary>The Tencent Cloud API SecretKey for TCCC (from <see cref="TcccSecretKeyVariable"/> only).</summary>
    public string? TcccSecretKey { get; set; }

    /// <summary>The TCCC application id; 0 = the IM App's SDKAppID.</summary>
    public long TcccSdkAppId { get; set; }

    /// <summary>Where TCCC calls go; null = <c>https://ccc.tencentcloudapi.com/</c>.</summary>
    public Uri? TcccEndpoint { get; set; }

    /// <summary>The agent the demo provisions (TCCC accounts are e-mail addresses).</summary>
    public string TcccAgent { get; set; } = "bob@shop.example";

    /// <summary>Reads the arguments; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static DemoOptions Parse(string[] args, string? secretKey) => Parse(args, secretKey, null);

    /// <summary>Reads the arguments, with the TCCC SecretKey from the environment; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static DemoOptions Parse(string[] args, string? secretKey, string? tcccSecretKey)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new DemoOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + ": needs a value.");
            switch (args[i])
            {
                case "--endpoint":
                    options.Endpoint = Uri.TryCreate(Value(), UriKind.Absolute, out var uri) ? uri : throw new ArgumentException("--endpoint: must be an absolute URL.");
                    break;
                case "--sdkappid":
                    options.SdkAppId = long.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : throw new ArgumentException("--sdkappid: must be a positive number.");
                    break;
                case "--identifier":
                    options.Identifier = Value();
                    break;
                case "--customer":
                    options.Customer = Value();
                    break;
                case "--virtual-account":
                    options.VirtualAccount = Value();
                    break;
                case "--tccc-secret-id":
                    options.TcccSecretId = Value();
                    break;
                case "--tccc-sdkappid":
                    options.TcccSdkAppId = long.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var tcccId) && tcccId > 0 ? tcccId : throw new ArgumentException("--tccc-sdkappid: must be a positive number.");
                    break;
                case "--tccc-endpoint":
                    options.TcccEndpoint = Uri.TryCreate(Value(), UriKind.Absolute, out var tcccUri) ? tcccUri : throw new ArgumentException("--tccc-endpoint: must be an absolute URL.");
                    break;
                case "--tccc-agent":
                    options.TcccAgent = Value();
                    break;
                case "--help" or "-h":
                    throw new ArgumentException("help requested.");
                default:
                    throw new ArgumentException("unknown option '" + args[i] + "'.");
            }
        }

        if (options.Endpoint is not null)
        {
            if (options.SdkAppId == 0 || string.IsNullOrEmpty(options.Identifier))
            {
                throw new ArgumentException("--endpoint: also needs --sdkappid and --identifier.");
            }

            if (string.IsNullOrEmpty(secretKey))
            {
                throw new ArgumentException("--endpoint: set the App's secret key in the IMCSGEN_SECRET_KEY environment variable.");
            }

            options.SecretKey = secretKey;
        }

        if (options.TcccSecretId is not null)
        {
            if (options.Endpoint is null)
            {
                throw new ArgumentException("--tccc-secret-id: a real TCCC account goes with a real App; also give --endpoint, --sdkappid and --identifier.");
            }

            if (string.IsNullOrEmpty(tcccSecretKey))
            {
                throw new ArgumentException("--tccc-secret-id: set the API key's SecretKey in the " + TcccSecretKeyVariable + " environment variable.");
            }

            options.TcccSecretKey = tcccSecretKey;
        }
        else if (options.TcccEndpoint is not null || options.TcccSdkAppId != 0)
        {
            throw new ArgumentException("--tccc-endpoint/--tccc-sdkappid: only with --tccc-secret-id.");
        }

        return options;
    }
}
