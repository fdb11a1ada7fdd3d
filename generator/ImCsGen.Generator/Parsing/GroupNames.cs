using System.Text;

namespace ImCsGen.Generator.Parsing;

/// <summary>
/// How an endpoint's <c>group</c> names its sub-client. One rule for every group, so names are predictable:
/// each '_'-separated part starts upper-case, and so does a letter that follows a digit
/// (<c>c2c_message</c> -> <c>C2CMessage</c>, <c>official_account</c> -> <c>OfficialAccount</c>). The client
/// gets a property of that name (<c>im.C2CMessage</c>) whose class is the client's name without its
/// <c>Client</c> suffix, the property name, and <c>Client</c> (<c>ImC2CMessageClient</c>).
/// </summary>
internal static class GroupNames
{
    /// <summary>The client's property for the group: <c>c2c_message</c> -> <c>C2CMessage</c>.</summary>
    public static string Member(string group)
    {
        var builder = new StringBuilder(group.Length);
        var upperNext = true;
        foreach (var c in group)
        {
            if (c == '_' || c == '-' || c == '.' || c == ' ')
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = c >= '0' && c <= '9';
        }

        return builder.ToString();
    }

    /// <summary>The sub-client class: <c>ImClient</c> + <c>group</c> -> <c>ImGroupClient</c>.</summary>
    public static string ClientClass(string client, string group)
    {
        const string Suffix = "Client";
        var stem = client.Length > Suffix.Length && client.EndsWith(Suffix, System.StringComparison.Ordinal)
            ? client.Substring(0, client.Length - Suffix.Length)
            : client;
        return stem + Member(group) + Suffix;
    }
}
