using System;
using System.Globalization;

namespace CustomerServiceDemo;

/// <summary>Command-line options of the demo. Without <see cref="Endpoint"/> it runs against the embedded emulator.</summary>
public sealed class DemoOptions
{
    /// <summary>How to call the demo.</summary>
    public const string Usage = "usage: CustomerServiceDemo [--endpoint https://host --sdkappid N --identifier ADMIN] [--customer USERID] [--virtual-account USERID]\n"
        + "       the secret key of a real App is read from the IMCSGEN_SECRET_KEY environment variable.";

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

    /// <summary>Reads the arguments; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static DemoOptions Parse(string[] args, string? secretKey)
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

        return options;
    }
}
