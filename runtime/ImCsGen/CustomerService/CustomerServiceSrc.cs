namespace ImCsGen.CustomerService;

/// <summary>
/// The <c>src</c> codes of Tencent's customer-service plugin messages (a <c>TIMCustomElem</c> whose
/// <c>Data</c> is JSON carrying <c>"customerServicePlugin": 0</c>). Codes are strings on the wire;
/// readers also accept numbers because some senders write <c>15</c> instead of <c>"15"</c>.
/// </summary>
public static class CustomerServiceSrc
{
    /// <summary>The user's client asks for a session (sent when the chat with the service account opens).</summary>
    public const string SessionRequest = "7";

    /// <summary>Satisfaction evaluation request (<c>menuContent</c>).</summary>
    public const string SatisfactionRequest = "9";

    /// <summary>The user's satisfaction answer (<c>menuSelected</c>).</summary>
    public const string SatisfactionAnswer = "10";

    /// <summary>Client online state.</summary>
    public const string ClientState = "11";

    /// <summary>Typing indicator.</summary>
    public const string Typing = "12";

    /// <summary>Text-bot control message (<c>content.command</c>).</summary>
    public const string Robot = "13";

    /// <summary>Branch (navigation / hot-question) menu.</summary>
    public const string BranchMenu = "15";

    /// <summary>No agent is online.</summary>
    public const string NoSeatOnline = "18";

    /// <summary>The session ended.</summary>
    public const string SessionEnd = "19";

    /// <summary>The session ended by timeout.</summary>
    public const string SessionTimeout = "20";

    /// <summary>Form / information collection.</summary>
    public const string Form = "21";

    /// <summary>Product card.</summary>
    public const string ProductCard = "22";

    /// <summary>Evaluation rule / configuration (not displayed).</summary>
    public const string SatisfactionConfig = "23";

    /// <summary>User-triggered evaluation.</summary>
    public const string UserSatisfactionTrigger = "24";

    /// <summary>Bot rich text (Markdown).</summary>
    public const string RichText = "30";

    /// <summary>Whether clients display a custom message of this src (the plugin hides all others).</summary>
    public static bool IsDisplayed(string src) => src is SatisfactionRequest or BranchMenu or Form or ProductCard or "29" or RichText or "31";
}
