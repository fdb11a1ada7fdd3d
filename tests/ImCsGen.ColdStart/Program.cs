using System;
using System.Threading.Tasks;
using ImCsGen.Benchmarks.FirstCall;

// Usage: ImCsGen.ColdStart generated|hand BASE_URL   (started by benchmark row 7 against its loopback stub)
if (args.Length != 2 || !Uri.TryCreate(args[1], UriKind.Absolute, out var baseAddress))
{
    Console.Error.WriteLine("usage: ImCsGen.ColdStart generated|hand BASE_URL");
    return 2;
}

return await ColdStartChild.RunAsync(args[0], baseAddress).ConfigureAwait(false);
