using System;
using System.Collections.Generic;
using ImCsGen.Emulator.Http;

namespace ImCsGen.Emulator.Handlers;

/// <summary>One emulated REST endpoint.</summary>
public sealed class EmulatedEndpoint
{
    internal EmulatedEndpoint(string path, string name, string group, int invalidParameterCode, Action<ImCall> handler)
    {
        Path = path;
        Name = name;
        Group = group;
        InvalidParameterCode = invalidParameterCode;
        Handler = handler;
    }

    /// <summary><c>service/command</c>.</summary>
    public string Path { get; }

    /// <summary>The spec's endpoint name (<c>SendC2CMessage</c>).</summary>
    public string Name { get; }

    /// <summary>Tencent's API group.</summary>
    public string Group { get; }

    /// <summary>The group's "invalid parameter" code.</summary>
    public int InvalidParameterCode { get; }

    internal Action<ImCall> Handler { get; }
}

/// <summary>The endpoints the emulator serves; a test checks the list equals the generated <c>ImClientEndpoints.All</c>.</summary>
public static class EndpointTable
{
    private static readonly EmulatedEndpoint[] Endpoints =
    {
        new("im_open_login_svc/account_import", "ImportAccount", "account", EmulatorErrorCodes.AccountInvalidParameter, AccountHandlers.Import),
        new("im_open_login_svc/multiaccount_import", "ImportAccounts", "account", EmulatorErrorCodes.AccountInvalidParameter, AccountHandlers.ImportMany),
        new("im_open_login_svc/account_delete", "DeleteAccounts", "account", EmulatorErrorCodes.AccountInvalidParameter, AccountHandlers.Delete),
        new("im_open_login_svc/account_check", "CheckAccounts", "account", EmulatorErrorCodes.AccountInvalidParameter, AccountHandlers.Check),
        new("im_open_login_svc/kick", "KickAccount", "account", EmulatorErrorCodes.AccountInvalidParameter, AccountHandlers.Kick),
        new("openim/query_online_status", "QueryOnlineStatus", "account", EmulatorErrorCodes.AccountInvalidParameter, AccountHandlers.QueryOnlineStatus),
        new("openim/c2c_msg_read_receipt", "SendC2CReadReceipt", "c2c_message", EmulatorErrorCodes.MessageInvalidParameter, MessageHandlers.ReadReceipt),
        new("openim/sendmsg", "SendC2CMessage", "c2c_message", EmulatorErrorCodes.MessageInvalidParameter, MessageHandlers.Send),
        new("openim/batchsendmsg", "BatchSendC2CMessage", "c2c_message", EmulatorErrorCodes.MessageInvalidParameter, MessageHandlers.BatchSend),
        new("openim/importmsg", "ImportC2CMessage", "c2c_message", EmulatorErrorCodes.MessageInvalidParameter, MessageHandlers.Import),
        new("openim/admin_getroammsg", "GetC2CRoamMessages", "c2c_message", EmulatorErrorCodes.MessageInvalidParameter, MessageHandlers.GetRoamMessages),
        new("openim/admin_msgwithdraw", "RecallC2CMessage", "c2c_message", EmulatorErrorCodes.MessageInvalidParameter, MessageHandlers.Recall),
        new("openim/admin_set_msg_read", "SetC2CMessageRead", "c2c_message", EmulatorErrorCodes.MessageInvalidParameter, MessageHandlers.SetRead),
        new("openim/get_c2c_unread_msg_num", "GetC2CUnreadMessageCount", "c2c_message", EmulatorErrorCodes.MessageInvalidParameter, MessageHandlers.GetUnreadCount),
        new("openim/modify_c2c_msg", "ModifyC2CMessage", "c2c_message", EmulatorErrorCodes.MessageInvalidParameter, MessageHandlers.Modify),
        new("openim_msg_ext_http_svc/get_key_values", "GetC2CMessageExtensions", "c2c_message", EmulatorErrorCodes.MessageInvalidParameter, MessageHandlers.GetExtensions),
        new("openim_msg_ext_http_svc/set_key_values", "SetC2CMessageExtensions", "c2c_message", EmulatorErrorCodes.MessageInvalidParameter, MessageHandlers.SetExtensions),
        new("openim/delete_c2c_msg_ramble", "DeleteC2CRoamMessages", "c2c_message", EmulatorErrorCodes.MessageInvalidParameter, MessageHandlers.DeleteRoam),
        new("openconfigsvr/getappinfo", "GetAppOperationData", "operation", EmulatorErrorCodes.OperationInvalidParameter, OperationHandlers.GetAppInfo),
        new("open_msg_svc/get_history", "GetHistoryDownloadUrls", "operation", EmulatorErrorCodes.OperationInvalidParameter, OperationHandlers.GetHistory),
        new("ConfigSvc/GetIPList", "GetServerIpList", "operation", EmulatorErrorCodes.OperationInvalidParameter, OperationHandlers.GetIpList),
        new("im_cos_msg/forbid_illegal_object", "BanChatFile", "operation", EmulatorErrorCodes.OperationInvalidParameter, OperationHandlers.Ban),
        new("im_cos_msg/allow_banned_object", "UnbanChatFile", "operation", EmulatorErrorCodes.OperationInvalidParameter, OperationHandlers.Unban),
        new("im_cos_msg/get_cos_sig", "GetChatFileSignedUrl", "operation", EmulatorErrorCodes.OperationInvalidParameter, OperationHandlers.GetSignedUrls),
        new("profile/portrait_set", "SetProfile", "profile", EmulatorErrorCodes.ProfileInvalidParameter, ProfileHandlers.Set),
        new("profile/portrait_get", "GetProfile", "profile", EmulatorErrorCodes.ProfileInvalidParameter, ProfileHandlers.Get),
        new("recentcontact/get_list", "GetRecentContacts", "recent_contact", EmulatorErrorCodes.ContactInvalidParameter, RecentContactHandlers.GetList),
        new("recentcontact/delete", "DeleteRecentContact", "recent_contact", EmulatorErrorCodes.ContactInvalidParameter, RecentContactHandlers.Delete),
        new("recentcontact/create_contact_group", "CreateConversationGroup", "recent_contact", EmulatorErrorCodes.ContactInvalidParameter, RecentContactHandlers.CreateGroups),
        new("recentcontact/update_contact_group", "UpdateConversationGroup", "recent_contact", EmulatorErrorCodes.ContactInvalidParameter, RecentContactHandlers.UpdateGroup),
        new("recentcontact/del_contact_group", "DeleteConversationGroup", "recent_contact", EmulatorErrorCodes.ContactInvalidParameter, RecentContactHandlers.DeleteGroups),
        new("recentcontact/mark_contact", "MarkConversation", "recent_contact", EmulatorErrorCodes.ContactInvalidParameter, RecentContactHandlers.Mark),
        new("recentcontact/search_contact_group", "SearchConversationGroup", "recent_contact", EmulatorErrorCodes.ContactInvalidParameter, RecentContactHandlers.SearchGroups),
        new("recentcontact/get_contact_group", "GetConversationGroups", "recent_contact", EmulatorErrorCodes.ContactInvalidParameter, RecentContactHandlers.GetGroups),
        new("sns/friend_add", "AddFriends", "relation", EmulatorErrorCodes.RelationInvalidParameter, RelationHandlers.Add),
        new("sns/friend_import", "ImportFriends", "relation", EmulatorErrorCodes.RelationInvalidParameter, RelationHandlers.Import),
        new("sns/friend_update", "UpdateFriends", "relation", EmulatorErrorCodes.RelationInvalidParameter, RelationHandlers.Update),
        new("sns/friend_delete", "DeleteFriends", "relation", EmulatorErrorCodes.RelationInvalidParameter, RelationHandlers.Delete),
        new("sns/friend_delete_all", "DeleteAllFriends", "relation", EmulatorErrorCodes.RelationInvalidParameter, RelationHandlers.DeleteAll),
        new("sns/friend_check", "CheckFriends", "relation", EmulatorErrorCodes.RelationInvalidParameter, RelationHandlers.Check),
        new("sns/friend_get", "GetFriends", "relation", EmulatorErrorCodes.RelationInvalidParameter, RelationHandlers.Get),
        new("sns/friend_get_list", "GetSpecifiedFriends", "relation", EmulatorErrorCodes.RelationInvalidParameter, RelationHandlers.GetSpecified),
        new("sns/black_list_add", "AddBlocklist", "relation", EmulatorErrorCodes.RelationInvalidParameter, RelationHandlers.BlockAdd),
        new("sns/black_list_delete", "DeleteBlocklist", "relation", EmulatorErrorCodes.RelationInvalidParameter, RelationHandlers.BlockDelete),
        new("sns/black_list_get", "GetBlocklist", "relation", EmulatorErrorCodes.RelationInvalidParameter, RelationHandlers.BlockGet),
        new("sns/black_list_check", "CheckBlocklist", "relation", EmulatorErrorCodes.RelationInvalidParameter, RelationHandlers.BlockCheck),
        new("sns/group_add", "AddFriendGroups", "relation", EmulatorErrorCodes.RelationInvalidParameter, RelationHandlers.GroupAdd),
        new("sns/group_delete", "DeleteFriendGroups", "relation", EmulatorErrorCodes.RelationInvalidParameter, RelationHandlers.GroupDelete),
        new("sns/group_get", "GetFriendGroups", "relation", EmulatorErrorCodes.RelationInvalidParameter, RelationHandlers.GroupGet),

        // Areas of wave 2 (the group_open_* endpoints are in the group section below, from Handlers/Group*.cs).
        new("all_member_push/im_push", "PushToAllMembers", "all_member_push", EmulatorErrorCodes.PushInvalidParameter, PushHandlers.Push),
        new("all_member_push/im_set_attr_name", "SetAppAttributeNames", "all_member_push", EmulatorErrorCodes.PushInvalidParameter, PushHandlers.SetAttributeNames),
        new("all_member_push/im_get_attr_name", "GetAppAttributeNames", "all_member_push", EmulatorErrorCodes.PushInvalidParameter, PushHandlers.GetAttributeNames),
        new("all_member_push/im_get_attr", "GetUserAttributes", "all_member_push", EmulatorErrorCodes.PushInvalidParameter, PushHandlers.GetUserAttributes),
        new("all_member_push/im_set_attr", "SetUserAttributes", "all_member_push", EmulatorErrorCodes.PushInvalidParameter, PushHandlers.SetUserAttributes),
        new("all_member_push/im_remove_attr", "RemoveUserAttributes", "all_member_push", EmulatorErrorCodes.PushInvalidParameter, PushHandlers.RemoveUserAttributes),
        new("all_member_push/im_get_tag", "GetUserTags", "all_member_push", EmulatorErrorCodes.PushInvalidParameter, PushHandlers.GetUserTags),
        new("all_member_push/im_add_tag", "AddUserTags", "all_member_push", EmulatorErrorCodes.PushInvalidParameter, PushHandlers.AddUserTags),
        new("all_member_push/im_remove_tag", "RemoveUserTags", "all_member_push", EmulatorErrorCodes.PushInvalidParameter, PushHandlers.RemoveUserTags),
        new("all_member_push/im_remove_all_tags", "RemoveAllUserTags", "all_member_push", EmulatorErrorCodes.PushInvalidParameter, PushHandlers.RemoveAllUserTags),
        new("timpush/batch", "PushToUsers", "push", EmulatorErrorCodes.PushInvalidParameter, TimPushHandlers.Batch),
        new("timpush/revoke", "RevokePush", "push", EmulatorErrorCodes.PushInvalidParameter, TimPushHandlers.Revoke),
        new("timpush/add_sched_task", "AddScheduledPushTask", "push", EmulatorErrorCodes.PushInvalidParameter, TimPushHandlers.AddScheduled),
        new("timpush/modify_sched_task", "ModifyScheduledPushTask", "push", EmulatorErrorCodes.PushInvalidParameter, TimPushHandlers.ModifyScheduled),
        new("timpush/get_sched_task", "GetScheduledPushTask", "push", EmulatorErrorCodes.PushInvalidParameter, TimPushHandlers.GetScheduled),
        new("timpush/list_sched_task", "ListScheduledPushTasks", "push", EmulatorErrorCodes.PushInvalidParameter, TimPushHandlers.ListScheduled),
        new("im_msg_audit_mgr/get_cloud_audit_keywords_ids", "GetCloudAuditKeywordLibraries", "audit", EmulatorErrorCodes.AuditInvalidParameter, AuditHandlers.GetLibraries),
        new("im_msg_audit_mgr/get_cloud_audit_keywords", "GetCloudAuditKeywords", "audit", EmulatorErrorCodes.AuditInvalidParameter, AuditHandlers.GetKeywords),
        new("im_msg_audit_mgr/add_cloud_audit_keywords", "AddCloudAuditKeywords", "audit", EmulatorErrorCodes.AuditInvalidParameter, AuditHandlers.AddKeywords),
        new("im_msg_audit_mgr/delete_cloud_audit_keywords", "DeleteCloudAuditKeywords", "audit", EmulatorErrorCodes.AuditInvalidParameter, AuditHandlers.DeleteKeywords),
        new("im_msg_audit/content_moderation", "ModerateContent", "audit", EmulatorErrorCodes.AuditInvalidParameter, AuditHandlers.Moderate),
        new("im_msg_audit/batch_content_moderation", "BatchModerateContent", "audit", EmulatorErrorCodes.AuditInvalidParameter, AuditHandlers.BatchModerate),
        new("openim_robot_http_svc/create_robot", "CreateChatbot", "chatbot", EmulatorErrorCodes.AccountInvalidParameter, ChatbotHandlers.Create),
        new("openim_robot_http_svc/delete_robot", "DeleteChatbot", "chatbot", EmulatorErrorCodes.AccountInvalidParameter, ChatbotHandlers.Delete),
        new("openim_robot_http_svc/get_all_robots", "GetAllChatbots", "chatbot", EmulatorErrorCodes.AccountInvalidParameter, ChatbotHandlers.GetAll),
        new("openim_robot_http_svc/send_stream_msg", "SendChatbotStreamMessage", "chatbot", EmulatorErrorCodes.MessageInvalidParameter, ChatbotHandlers.SendStream),
        new("follow/follow_add", "FollowUsers", "follow", EmulatorErrorCodes.RelationInvalidParameter, FollowHandlers.Follow),
        new("follow/follow_delete", "UnfollowUsers", "follow", EmulatorErrorCodes.RelationInvalidParameter, FollowHandlers.Unfollow),
        new("follow/follow_get", "GetFollowList", "follow", EmulatorErrorCodes.RelationInvalidParameter, FollowHandlers.GetList),
        new("follow/follow_check", "CheckFollow", "follow", EmulatorErrorCodes.RelationInvalidParameter, FollowHandlers.Check),
        new("follow/follow_get_info", "GetFollowCounts", "follow", EmulatorErrorCodes.RelationInvalidParameter, FollowHandlers.Counts),
        new("openconfigsvr/setnospeaking", "SetGlobalMute", "global_mute", EmulatorErrorCodes.OperationInvalidParameter, GlobalMuteHandlers.Set),
        new("openconfigsvr/getnospeaking", "GetGlobalMute", "global_mute", EmulatorErrorCodes.OperationInvalidParameter, GlobalMuteHandlers.Get),
        new("official_account_open_http_svc/create_official_account", "CreateOfficialAccount", "official_account", EmulatorErrorCodes.OfficialAccountInvalidParameter, OfficialAccountHandlers.Create),
        new("official_account_open_http_svc/destroy_official_account", "DestroyOfficialAccount", "official_account", EmulatorErrorCodes.OfficialAccountInvalidParameter, OfficialAccountHandlers.Destroy),
        new("official_account_open_http_svc/modify_official_account_base_info", "ModifyOfficialAccountInfo", "official_account", EmulatorErrorCodes.OfficialAccountInvalidParameter, OfficialAccountHandlers.Modify),
        new("official_account_open_http_svc/send_official_account_msg", "SendOfficialAccountMessage", "official_account", EmulatorErrorCodes.OfficialAccountInvalidParameter, OfficialAccountHandlers.Send),
        new("official_account_open_http_svc/get_official_account_info", "GetOfficialAccountInfo", "official_account", EmulatorErrorCodes.OfficialAccountInvalidParameter, OfficialAccountHandlers.GetInfo),
        new("official_account_open_http_svc/get_subscriber_info", "GetOfficialAccountSubscribers", "official_account", EmulatorErrorCodes.OfficialAccountInvalidParameter, OfficialAccountHandlers.GetSubscribers),
        new("official_account_open_http_svc/official_account_msg_recall", "RecallOfficialAccountMessages", "official_account", EmulatorErrorCodes.OfficialAccountInvalidParameter, OfficialAccountHandlers.Recall),
        new("official_account_open_http_svc/official_account_msg_get_simple", "GetOfficialAccountHistory", "official_account", EmulatorErrorCodes.OfficialAccountInvalidParameter, OfficialAccountHandlers.GetHistory),
        new("official_account_open_http_svc/add_subscriber", "AddOfficialAccountSubscribers", "official_account", EmulatorErrorCodes.OfficialAccountInvalidParameter, OfficialAccountHandlers.AddSubscribers),
        new("official_account_open_http_svc/delete_subscriber", "DeleteOfficialAccountSubscribers", "official_account", EmulatorErrorCodes.OfficialAccountInvalidParameter, OfficialAccountHandlers.DeleteSubscribers),
        new("official_account_open_http_svc/modify_subscriber_info", "ModifyOfficialAccountSubscriber", "official_account", EmulatorErrorCodes.OfficialAccountInvalidParameter, OfficialAccountHandlers.ModifySubscriber),
        new("official_account_open_http_svc/get_subscribed_official_account_list", "GetSubscribedOfficialAccounts", "official_account", EmulatorErrorCodes.OfficialAccountInvalidParameter, OfficialAccountHandlers.GetSubscribed),

        // Groups (group_open_http_svc and friends): entries added with the handlers in Handlers/Group*.cs.
        new("group_open_http_svc/get_appid_group_list", "GetAppGroups", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupHandlers.GetAppGroups),
        new("group_open_http_svc/create_group", "CreateGroup", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupHandlers.Create),
        new("group_open_http_svc/get_group_info", "GetGroupInfo", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupHandlers.GetInfo),
        new("group_open_http_svc/get_group_member_info", "GetGroupMembers", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMemberHandlers.GetMembers),
        new("group_open_http_svc/get_specified_group_member_info", "GetSpecifiedGroupMembers", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMemberHandlers.GetSpecified),
        new("group_open_http_svc/modify_group_base_info", "ModifyGroupBaseInfo", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupHandlers.Modify),
        new("group_open_http_svc/add_group_member", "AddGroupMembers", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMemberHandlers.Add),
        new("group_open_http_svc/delete_group_member", "DeleteGroupMembers", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMemberHandlers.Delete),
        new("group_open_http_svc/modify_group_member_info", "ModifyGroupMember", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMemberHandlers.Modify),
        new("group_open_http_svc/destroy_group", "DestroyGroup", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupHandlers.Destroy),
        new("group_open_http_svc/get_joined_group_list", "GetJoinedGroups", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupHandlers.GetJoined),
        new("group_open_http_svc/get_role_in_group", "GetRolesInGroup", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMemberHandlers.GetRoles),
        new("group_open_http_svc/forbid_send_msg", "MuteGroupMembers", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMemberHandlers.Mute),
        new("group_open_http_svc/get_group_muted_account", "GetGroupMutedMembers", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMemberHandlers.GetMuted),
        new("group_open_http_svc/send_group_msg", "SendGroupMessage", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMessageHandlers.Send),
        new("group_open_http_svc/send_group_system_notification", "SendGroupSystemNotification", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMessageHandlers.SendSystemNotification),
        new("group_open_http_svc/change_group_owner", "ChangeGroupOwner", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupHandlers.ChangeOwner),
        new("group_open_http_svc/group_msg_recall", "RecallGroupMessages", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMessageHandlers.Recall),
        new("group_open_http_svc/import_group", "ImportGroup", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupHandlers.Import),
        new("group_open_http_svc/import_group_msg", "ImportGroupMessages", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMessageHandlers.Import),
        new("group_open_http_svc/import_group_member", "ImportGroupMembers", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMemberHandlers.Import),
        new("group_open_http_svc/set_unread_msg_num", "SetGroupMemberUnreadCount", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMemberHandlers.SetUnread),
        new("group_open_http_svc/delete_group_msg_by_sender", "DeleteGroupMessagesBySender", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMessageHandlers.DeleteBySender),
        new("group_open_http_svc/group_msg_get_simple", "GetGroupHistoryMessages", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMessageHandlers.GetHistory),
        new("group_open_attr_http_svc/get_group_attr", "GetGroupAttributes", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.GetAttributes),
        new("group_open_http_svc/modify_group_attr", "ModifyGroupAttributes", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.ModifyAttributes),
        new("group_open_http_svc/clear_group_attr", "ClearGroupAttributes", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.ClearAttributes),
        new("group_open_http_svc/set_group_attr", "SetGroupAttributes", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.SetAttributes),
        new("group_open_http_svc/delete_group_attr", "DeleteGroupAttributes", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.DeleteAttributes),
        new("group_open_http_svc/get_online_member_num", "GetLiveGroupOnlineCount", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.GetOnlineCount),
        new("group_open_avchatroom_http_svc/get_members", "GetLiveGroupOnlineMembers", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.GetOnlineMembers),
        new("group_open_avchatroom_http_svc/modify_user_info", "MarkLiveGroupMembers", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.MarkMembers),
        new("group_open_avchatroom_http_svc/modify_admin", "ModifyLiveGroupAdmins", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.ModifyAdmins),
        new("group_open_avchatroom_http_svc/get_admin_list", "GetLiveGroupAdmins", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.GetAdmins),
        new("group_open_avchatroom_http_svc/check_members", "CheckLiveGroupMembers", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.CheckMembers),
        new("group_open_http_svc/send_broadcast_msg", "SendLiveGroupBroadcast", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMessageHandlers.SendBroadcast),
        new("million_group_open_http_svc/create_topic", "CreateTopic", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.CreateTopic),
        new("group_open_http_svc/get_topic_permission_group", "GetTopicPermissions", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.GetTopicPermissions),
        new("group_open_http_svc/get_permission_group_member_list", "GetPermissionGroupMembers", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.GetPermissionGroupMembers),
        new("group_search/search", "SearchGroups", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupHandlers.Search),
        new("group_member_search/search", "SearchGroupMembers", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupHandlers.SearchMembers),
        new("group_open_http_svc/get_group_counter", "GetGroupCounters", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.GetCounters),
        new("group_open_http_svc/update_group_counter", "UpdateGroupCounters", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.UpdateCounters),
        new("group_open_http_svc/delete_group_counter", "DeleteGroupCounters", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.DeleteCounters),
        new("group_open_http_svc/ban_group_member", "BanGroupMembers", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMemberHandlers.Ban),
        new("group_open_http_svc/unban_group_member", "UnbanGroupMembers", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMemberHandlers.Unban),
        new("group_open_http_svc/get_group_ban_member", "GetGroupBannedMembers", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMemberHandlers.GetBanned),
        new("group_open_http_svc/get_group_msg_receipt", "GetGroupReadReceipts", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMessageHandlers.GetReceipts),
        new("group_open_http_svc/get_group_msg_receipt_detail", "GetGroupReadReceiptDetail", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMessageHandlers.GetReceiptDetail),
        new("openim_msg_ext_http_svc/group_get_key_values", "GetGroupMessageExtensions", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMessageHandlers.GetExtensions),
        new("openim_msg_ext_http_svc/group_set_key_values", "SetGroupMessageExtensions", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMessageHandlers.SetExtensions),
        new("openim/modify_group_msg", "ModifyGroupMessage", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMessageHandlers.Modify),
        new("group_open_http_svc/clear_group_msg", "ClearGroupMessages", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMessageHandlers.Clear),
        new("million_group_open_http_svc/get_topic", "GetTopics", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.GetTopics),
        new("million_group_open_http_svc/modify_topic", "ModifyTopic", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.ModifyTopic),
        new("million_group_open_http_svc/destroy_topic", "DestroyTopics", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.DestroyTopics),
        new("million_group_open_http_svc/import_topic", "ImportTopic", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.ImportTopic),
        new("group_open_http_svc/group_msg_receipt", "SendGroupReadReceipt", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupMessageHandlers.SendReceipts),
        new("group_open_http_svc/modify_permission_group", "ModifyPermissionGroup", "group", EmulatorErrorCodes.GroupInvalidParameter, GroupExtraHandlers.ModifyPermissionGroup),
    };

    private static readonly Dictionary<string, EmulatedEndpoint> ByPath = Build();

    /// <summary>All emulated endpoints.</summary>
    public static IReadOnlyList<EmulatedEndpoint> All => Endpoints;

    /// <summary>The endpoint at <paramref name="path"/> (<c>service/command</c>, case-sensitive as Tencent is), or null.</summary>
    public static EmulatedEndpoint? Find(string path) => ByPath.TryGetValue(path, out var endpoint) ? endpoint : null;

    private static Dictionary<string, EmulatedEndpoint> Build()
    {
        var map = new Dictionary<string, EmulatedEndpoint>(StringComparer.Ordinal);
        foreach (var endpoint in Endpoints)
        {
            map.Add(endpoint.Path, endpoint);
        }

        return map;
    }
}
