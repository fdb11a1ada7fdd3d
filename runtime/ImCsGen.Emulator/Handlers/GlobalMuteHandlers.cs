using ImCsGen.Emulator.Http;

namespace ImCsGen.Emulator.Handlers;

/// <summary>Global mute: per-user C2C and group mute ends, checked by group sends (10017).</summary>
internal static class GlobalMuteHandlers
{
    // spec setnospeaking (prose): set at least one of the two times (130008).
    private const int NothingToSet = 130008;

    public static void Set(ImCall call)
    {
        var user = call.RequiredString("Set_Account", userId: true);
        call.RequireAccount(user, EmulatorErrorCodes.AccountNotImported, "Set_Account");
        var c2c = call.OptionalInt64("C2CmsgNospeakingTime");
        var group = call.OptionalInt64("GroupmsgNospeakingTime");
        if (c2c is null && group is null)
        {
            throw new ImCallException(NothingToSet, "set C2CmsgNospeakingTime, GroupmsgNospeakingTime or both");
        }

        var mutes = call.State.Areas.GlobalMute;
        mutes.TryGetValue(user, out var current);
        mutes[user] = (c2c is { } c ? Until(call, c, "C2CmsgNospeakingTime") : current.C2CUntil, group is { } g ? Until(call, g, "GroupmsgNospeakingTime") : current.GroupUntil);
    }

    public static void Get(ImCall call)
    {
        var user = call.RequiredString("Get_Account", userId: true);
        call.RequireAccount(user, EmulatorErrorCodes.AccountNotImported, "Get_Account");
        call.State.Areas.GlobalMute.TryGetValue(user, out var mute);
        call.Writer.WriteNumber("C2CmsgNospeakingTime", Remaining(call, mute.C2CUntil));
        call.Writer.WriteNumber("GroupmsgNospeakingTime", Remaining(call, mute.GroupUntil));
    }

    // 0 lifts the mute; 4294967295 mutes for good (spec setnospeaking).
    private static long Until(ImCall call, long seconds, string field)
        => seconds < 0 || seconds > uint.MaxValue ? throw call.Invalid(field, "must be 0..4294967295 seconds")
            : seconds == 0 ? 0 : seconds == uint.MaxValue ? long.MaxValue : call.NowSeconds + seconds;

    private static long Remaining(ImCall call, long until)
        => until == long.MaxValue ? uint.MaxValue : until > call.NowSeconds ? until - call.NowSeconds : 0;
}
