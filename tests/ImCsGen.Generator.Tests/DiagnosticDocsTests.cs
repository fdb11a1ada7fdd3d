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

        Assert.Equal(22, count);
    }
}
