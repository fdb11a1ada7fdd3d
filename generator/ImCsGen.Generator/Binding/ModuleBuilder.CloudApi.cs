using System.Collections.Generic;
using ImCsGen.Generator.Diagnostics;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Binding;

// One namespace is one client for one API family: every file with endpoints must declare the same "api"
// (or none, for IM REST). Files with types only may omit it.
internal sealed partial class ModuleBuilder
{
    private CloudApiModel? ResolveApi(List<SpecFileSyntax> files)
    {
        CloudApiSyntax? first = null;
        foreach (var file in files)
        {
            if (file.Api is not { } api)
            {
                continue;
            }

            if (first is null)
            {
                first = api;
            }
            else if (api.Service != first.Service || api.Version != first.Version || api.Host != first.Host)
            {
                Report(SpecDiagnostics.InvalidCloudApi, api.Location, "namespace '" + _namespace + "' declares two different 'api' objects (" + first.Service + " " + first.Version + " and " + api.Service + " " + api.Version + "); all its files must agree");
            }
        }

        if (first is null)
        {
            return null;
        }

        foreach (var file in files)
        {
            if (file.Api is null && file.Endpoints.Count > 0)
            {
                Report(SpecDiagnostics.InvalidCloudApi, file.Endpoints[0].Location, "namespace '" + _namespace + "' mixes IM REST endpoints with Tencent Cloud API actions; give each family its own namespace");
            }
        }

        return new CloudApiModel(first.Service, first.Version, first.Host);
    }
}
