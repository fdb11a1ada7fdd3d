using System;
using System.IO;
using ImCsGen.Generator.Diagnostics;
using Xunit;

namespace ImCsGen.Generator.Tests;

public class DiagnosticDocsTests
{
    [Fact]
    public void Every_spec_diagnostic_has_a_doc_page_and_a_help_link_to_it()
    {
        var docs = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../docs/diagnostics"));
        var count = 0;
        foreach (var descriptor in SpecDiagnostics.Descriptors)
        {
            count++;
            var page = Path.Combine(docs, descriptor.Id + ".md");
            Assert.True(File.Exists(page), "missing " + page);
            Assert.StartsWith("# " + descriptor.Id + ": ", File.ReadAllText(page), StringComparison.Ordinal);
            Assert.EndsWith("/docs/diagnostics/" + descriptor.Id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        }

        // And the other way round: every IMSPEC page documents a descriptor the generator has (no stale pages).
        var ids = new System.Collections.Generic.HashSet<string>(System.Linq.Enumerable.Select(SpecDiagnostics.Descriptors, d => d.Id), StringComparer.Ordinal);
        foreach (var page in Directory.GetFiles(docs, "IMSPEC*.md"))
        {
            Assert.Contains(Path.GetFileNameWithoutExtension(page), ids);
        }

        Assert.True(count >= 22, "expected at least the 22 wave-1 descriptors, found " + count);
    }
}
