using System;
using System.Collections.Generic;

namespace ImCsGen.Emulator.State;

/// <summary>A keyword library of cloud moderation (Tencent creates them in the console; here through the control API).</summary>
public sealed class AuditKeywordLibrary
{
    internal AuditKeywordLibrary(string id, string name, string suggestion, string createTime)
    {
        Id = id;
        Name = name;
        Suggestion = suggestion;
        CreateTime = createTime;
    }

    /// <summary>The library ID (LibID).</summary>
    public string Id { get; }

    /// <summary>LibName.</summary>
    public string Name { get; }

    /// <summary>The verdict a hit of this library gives (Block, Review).</summary>
    public string Suggestion { get; }

    /// <summary>Creation time as text, in the page's format.</summary>
    public string CreateTime { get; }

    /// <summary>Keywords in insertion order.</summary>
    public List<AuditKeyword> Keywords { get; } = new();
}

/// <summary>One keyword of a library.</summary>
public sealed class AuditKeyword
{
    internal AuditKeyword(string id, string content, string label, string createTime)
    {
        Id = id;
        Content = content;
        Label = label;
        CreateTime = createTime;
    }

    /// <summary>The keyword ID.</summary>
    public string Id { get; }

    /// <summary>The keyword.</summary>
    public string Content { get; }

    /// <summary>Its category (Normal, Illegal, Abuse, Polity, Ad, Porn, Sexy, Terror, Composite).</summary>
    public string Label { get; }

    /// <summary>Creation time as text.</summary>
    public string CreateTime { get; }
}

/// <summary>
/// A moderation rule set through the control API: content of <see cref="ContentType"/> (any when null) that contains
/// <see cref="Contains"/> gets <see cref="Result"/>. It stands for the console's policies, which no REST call sets.
/// </summary>
public sealed class AuditRule
{
    /// <summary>Creates a rule.</summary>
    public AuditRule(string contains, string result, string label, int score, string? contentType)
    {
        Contains = contains;
        Result = result;
        Label = label;
        Score = score;
        ContentType = contentType;
    }

    /// <summary>Substring to match (ordinal).</summary>
    public string Contains { get; }

    /// <summary>Pass, Review or Block.</summary>
    public string Result { get; }

    /// <summary>The category answered.</summary>
    public string Label { get; }

    /// <summary>The confidence score answered.</summary>
    public int Score { get; }

    /// <summary>Text, Image, Audio or Video; null: any.</summary>
    public string? ContentType { get; }
}

/// <summary>One moderation decision as recorded (readable through the control API).</summary>
public sealed class AuditDecision
{
    internal AuditDecision(string auditName, string contentType, string content, string? result, string label, int score, IReadOnlyList<string> keywords)
    {
        Score = score;
        AuditName = auditName;
        ContentType = contentType;
        Content = content;
        Result = result;
        Label = label;
        Keywords = keywords;
    }

    /// <summary>The moderation configuration named by the call.</summary>
    public string AuditName { get; }

    /// <summary>Text, Image, Audio or Video.</summary>
    public string ContentType { get; }

    /// <summary>The content (text or URL).</summary>
    public string Content { get; }

    /// <summary>Pass, Review or Block; null for audio and video, whose verdict Tencent delivers later by webhook.</summary>
    public string? Result { get; }

    /// <summary>The category.</summary>
    public string Label { get; }

    /// <summary>The confidence score (100 for a keyword hit, the rule's score for a rule, 0 for a pass).</summary>
    public int Score { get; }

    /// <summary>Keywords that matched.</summary>
    public IReadOnlyList<string> Keywords { get; }
}

/// <summary>Cloud moderation state.</summary>
public sealed class AuditState
{
    /// <summary>Keyword libraries in creation order.</summary>
    public List<AuditKeywordLibrary> Libraries { get; } = new();

    /// <summary>Rules set through the control API, checked in order after the keywords.</summary>
    public List<AuditRule> Rules { get; } = new();

    /// <summary>Every decision made, in call order.</summary>
    public List<AuditDecision> Decisions { get; } = new();

    internal long NextKeywordId { get; set; } = 10000001;

    internal AuditKeywordLibrary? FindLibrary(string id) => Libraries.Find(l => string.Equals(l.Id, id, StringComparison.Ordinal));
}
