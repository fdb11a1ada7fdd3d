using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using ImCsGen.Emulator.Http;
using ImCsGen.Im;
using ImCsGen.Serialization;
using ImCsGen.Validation;

namespace ImCsGen.Emulator.Handlers;

/// <summary>
/// The spec's field limits (required, maxItems, maxBytes, ranges, patterns) checked on every request body through the
/// generated request types' own <c>Validate()</c>, so the emulator keeps no second copy of them. Handlers still read
/// the body with <see cref="JsonDocument"/> (a wrong wire name in the generator must not be mirrored); a body the
/// generated reader cannot read is left to the handler's own checks.
/// </summary>
internal static class SpecValidation
{
    private delegate T Reader<T>(ref Utf8JsonReader reader);

    private static readonly Dictionary<string, Action<JsonElement>> Validators = new(StringComparer.Ordinal)
    {
        ["im_open_login_svc/account_import"] = Check<ImportAccountRequest>(ImportAccountRequest.ReadJson),
        ["im_open_login_svc/multiaccount_import"] = Check<ImportAccountsRequest>(ImportAccountsRequest.ReadJson),
        ["im_open_login_svc/account_delete"] = Check<DeleteAccountsRequest>(DeleteAccountsRequest.ReadJson),
        ["im_open_login_svc/account_check"] = Check<CheckAccountsRequest>(CheckAccountsRequest.ReadJson),
        ["im_open_login_svc/kick"] = Check<KickAccountRequest>(KickAccountRequest.ReadJson),
        ["openim/query_online_status"] = Check<QueryOnlineStatusRequest>(QueryOnlineStatusRequest.ReadJson),
        ["all_member_push/im_push"] = Check<PushToAllMembersRequest>(PushToAllMembersRequest.ReadJson),
        ["all_member_push/im_set_attr_name"] = Check<SetAppAttributeNamesRequest>(SetAppAttributeNamesRequest.ReadJson),
        ["all_member_push/im_get_attr_name"] = Check<GetAppAttributeNamesRequest>(GetAppAttributeNamesRequest.ReadJson),
        ["all_member_push/im_get_attr"] = Check<GetUserAttributesRequest>(GetUserAttributesRequest.ReadJson),
        ["all_member_push/im_set_attr"] = Check<SetUserAttributesRequest>(SetUserAttributesRequest.ReadJson),
        ["all_member_push/im_remove_attr"] = Check<RemoveUserAttributesRequest>(RemoveUserAttributesRequest.ReadJson),
        ["all_member_push/im_get_tag"] = Check<GetUserTagsRequest>(GetUserTagsRequest.ReadJson),
        ["all_member_push/im_add_tag"] = Check<AddUserTagsRequest>(AddUserTagsRequest.ReadJson),
        ["all_member_push/im_remove_tag"] = Check<RemoveUserTagsRequest>(RemoveUserTagsRequest.ReadJson),
        ["all_member_push/im_remove_all_tags"] = Check<RemoveAllUserTagsRequest>(RemoveAllUserTagsRequest.ReadJson),
        ["im_msg_audit_mgr/get_cloud_audit_keywords_ids"] = Check<GetCloudAuditKeywordLibrariesRequest>(GetCloudAuditKeywordLibrariesRequest.ReadJson),
        ["im_msg_audit_mgr/get_cloud_audit_keywords"] = Check<GetCloudAuditKeywordsRequest>(GetCloudAuditKeywordsRequest.ReadJson),
        ["im_msg_audit_mgr/add_cloud_audit_keywords"] = Check<AddCloudAuditKeywordsRequest>(AddCloudAuditKeywordsRequest.ReadJson),
        ["im_msg_audit_mgr/delete_cloud_audit_keywords"] = Check<DeleteCloudAuditKeywordsRequest>(DeleteCloudAuditKeywordsRequest.ReadJson),
        ["im_msg_audit/content_moderation"] = Check<ModerateContentRequest>(ModerateContentRequest.ReadJson),
        ["im_msg_audit/batch_content_moderation"] = Check<BatchModerateContentRequest>(BatchModerateContentRequest.ReadJson),
        ["timpush/batch"] = Check<PushToUsersRequest>(PushToUsersRequest.ReadJson),
        ["timpush/revoke"] = Check<RevokePushRequest>(RevokePushRequest.ReadJson),
        ["timpush/add_sched_task"] = Check<AddScheduledPushTaskRequest>(AddScheduledPushTaskRequest.ReadJson),
        ["timpush/modify_sched_task"] = Check<ModifyScheduledPushTaskRequest>(ModifyScheduledPushTaskRequest.ReadJson),
        ["timpush/get_sched_task"] = Check<GetScheduledPushTaskRequest>(GetScheduledPushTaskRequest.ReadJson),
        ["timpush/list_sched_task"] = Check<ListScheduledPushTasksRequest>(ListScheduledPushTasksRequest.ReadJson),
        ["openim/c2c_msg_read_receipt"] = Check<SendC2CReadReceiptRequest>(SendC2CReadReceiptRequest.ReadJson),
        ["openim/sendmsg"] = Check<SendC2CMessageRequest>(SendC2CMessageRequest.ReadJson),
        ["openim/batchsendmsg"] = Check<BatchSendC2CMessageRequest>(BatchSendC2CMessageRequest.ReadJson),
        ["openim/importmsg"] = Check<ImportC2CMessageRequest>(ImportC2CMessageRequest.ReadJson),
        ["openim/admin_getroammsg"] = Check<GetC2CRoamMessagesRequest>(GetC2CRoamMessagesRequest.ReadJson),
        ["openim/admin_msgwithdraw"] = Check<RecallC2CMessageRequest>(RecallC2CMessageRequest.ReadJson),
        ["openim/admin_set_msg_read"] = Check<SetC2CMessageReadRequest>(SetC2CMessageReadRequest.ReadJson),
        ["openim/get_c2c_unread_msg_num"] = Check<GetC2CUnreadMessageCountRequest>(GetC2CUnreadMessageCountRequest.ReadJson),
        ["openim/modify_c2c_msg"] = Check<ModifyC2CMessageRequest>(ModifyC2CMessageRequest.ReadJson),
        ["openim_msg_ext_http_svc/get_key_values"] = Check<GetC2CMessageExtensionsRequest>(GetC2CMessageExtensionsRequest.ReadJson),
        ["openim_msg_ext_http_svc/set_key_values"] = Check<SetC2CMessageExtensionsRequest>(SetC2CMessageExtensionsRequest.ReadJson),
        ["openim/delete_c2c_msg_ramble"] = Check<DeleteC2CRoamMessagesRequest>(DeleteC2CRoamMessagesRequest.ReadJson),
        ["openim_robot_http_svc/create_robot"] = Check<CreateChatbotRequest>(CreateChatbotRequest.ReadJson),
        ["openim_robot_http_svc/delete_robot"] = Check<DeleteChatbotRequest>(DeleteChatbotRequest.ReadJson),
        ["openim_robot_http_svc/get_all_robots"] = Check<GetAllChatbotsRequest>(GetAllChatbotsRequest.ReadJson),
        ["openim_robot_http_svc/send_stream_msg"] = Check<SendChatbotStreamMessageRequest>(SendChatbotStreamMessageRequest.ReadJson),
        ["follow/follow_add"] = Check<FollowUsersRequest>(FollowUsersRequest.ReadJson),
        ["follow/follow_delete"] = Check<UnfollowUsersRequest>(UnfollowUsersRequest.ReadJson),
        ["follow/follow_get"] = Check<GetFollowListRequest>(GetFollowListRequest.ReadJson),
        ["follow/follow_check"] = Check<CheckFollowRequest>(CheckFollowRequest.ReadJson),
        ["follow/follow_get_info"] = Check<GetFollowCountsRequest>(GetFollowCountsRequest.ReadJson),
        ["openconfigsvr/setnospeaking"] = Check<SetGlobalMuteRequest>(SetGlobalMuteRequest.ReadJson),
        ["openconfigsvr/getnospeaking"] = Check<GetGlobalMuteRequest>(GetGlobalMuteRequest.ReadJson),
        ["group_open_http_svc/get_appid_group_list"] = Check<GetAppGroupsRequest>(GetAppGroupsRequest.ReadJson),
        ["group_open_http_svc/create_group"] = Check<CreateGroupRequest>(CreateGroupRequest.ReadJson),
        ["group_open_http_svc/get_group_info"] = Check<GetGroupInfoRequest>(GetGroupInfoRequest.ReadJson),
        ["group_open_http_svc/get_group_member_info"] = Check<GetGroupMembersRequest>(GetGroupMembersRequest.ReadJson),
        ["group_open_http_svc/get_specified_group_member_info"] = Check<GetSpecifiedGroupMembersRequest>(GetSpecifiedGroupMembersRequest.ReadJson),
        ["group_open_http_svc/modify_group_base_info"] = Check<ModifyGroupBaseInfoRequest>(ModifyGroupBaseInfoRequest.ReadJson),
        ["group_open_http_svc/add_group_member"] = Check<AddGroupMembersRequest>(AddGroupMembersRequest.ReadJson),
        ["group_open_http_svc/delete_group_member"] = Check<DeleteGroupMembersRequest>(DeleteGroupMembersRequest.ReadJson),
        ["group_open_http_svc/modify_group_member_info"] = Check<ModifyGroupMemberRequest>(ModifyGroupMemberRequest.ReadJson),
        ["group_open_http_svc/destroy_group"] = Check<DestroyGroupRequest>(DestroyGroupRequest.ReadJson),
        ["group_open_http_svc/get_joined_group_list"] = Check<GetJoinedGroupsRequest>(GetJoinedGroupsRequest.ReadJson),
        ["group_open_http_svc/get_role_in_group"] = Check<GetRolesInGroupRequest>(GetRolesInGroupRequest.ReadJson),
        ["group_open_http_svc/forbid_send_msg"] = Check<MuteGroupMembersRequest>(MuteGroupMembersRequest.ReadJson),
        ["group_open_http_svc/get_group_muted_account"] = Check<GetGroupMutedMembersRequest>(GetGroupMutedMembersRequest.ReadJson),
        ["group_open_http_svc/send_group_msg"] = Check<SendGroupMessageRequest>(SendGroupMessageRequest.ReadJson),
        ["group_open_http_svc/send_group_system_notification"] = Check<SendGroupSystemNotificationRequest>(SendGroupSystemNotificationRequest.ReadJson),
        ["group_open_http_svc/change_group_owner"] = Check<ChangeGroupOwnerRequest>(ChangeGroupOwnerRequest.ReadJson),
        ["group_open_http_svc/group_msg_recall"] = Check<RecallGroupMessagesRequest>(RecallGroupMessagesRequest.ReadJson),
        ["group_open_http_svc/import_group"] = Check<ImportGroupRequest>(ImportGroupRequest.ReadJson),
        ["group_open_http_svc/import_group_msg"] = Check<ImportGroupMessagesRequest>(ImportGroupMessagesRequest.ReadJson),
        ["group_open_http_svc/import_group_member"] = Check<ImportGroupMembersRequest>(ImportGroupMembersRequest.ReadJson),
        ["group_open_http_svc/set_unread_msg_num"] = Check<SetGroupMemberUnreadCountRequest>(SetGroupMemberUnreadCountRequest.ReadJson),
        ["group_open_http_svc/delete_group_msg_by_sender"] = Check<DeleteGroupMessagesBySenderRequest>(DeleteGroupMessagesBySenderRequest.ReadJson),
        ["group_open_http_svc/group_msg_get_simple"] = Check<GetGroupHistoryMessagesRequest>(GetGroupHistoryMessagesRequest.ReadJson),
        ["group_open_attr_http_svc/get_group_attr"] = Check<GetGroupAttributesRequest>(GetGroupAttributesRequest.ReadJson),
        ["group_open_http_svc/modify_group_attr"] = Check<ModifyGroupAttributesRequest>(ModifyGroupAttributesRequest.ReadJson),
        ["group_open_http_svc/clear_group_attr"] = Check<ClearGroupAttributesRequest>(ClearGroupAttributesRequest.ReadJson),
        ["group_open_http_svc/set_group_attr"] = Check<SetGroupAttributesRequest>(SetGroupAttributesRequest.ReadJson),
        ["group_open_http_svc/delete_group_attr"] = Check<DeleteGroupAttributesRequest>(DeleteGroupAttributesRequest.ReadJson),
        ["group_open_http_svc/get_online_member_num"] = Check<GetLiveGroupOnlineCountRequest>(GetLiveGroupOnlineCountRequest.ReadJson),
        ["group_open_avchatroom_http_svc/get_members"] = Check<GetLiveGroupOnlineMembersRequest>(GetLiveGroupOnlineMembersRequest.ReadJson),
        ["group_open_avchatroom_http_svc/modify_user_info"] = Check<MarkLiveGroupMembersRequest>(MarkLiveGroupMembersRequest.ReadJson),
        ["group_open_avchatroom_http_svc/modify_admin"] = Check<ModifyLiveGroupAdminsRequest>(ModifyLiveGroupAdminsRequest.ReadJson),
        ["group_open_avchatroom_http_svc/get_admin_list"] = Check<GetLiveGroupAdminsRequest>(GetLiveGroupAdminsRequest.ReadJson),
        ["group_open_avchatroom_http_svc/check_members"] = Check<CheckLiveGroupMembersRequest>(CheckLiveGroupMembersRequest.ReadJson),
        ["group_open_http_svc/send_broadcast_msg"] = Check<SendLiveGroupBroadcastRequest>(SendLiveGroupBroadcastRequest.ReadJson),
        ["million_group_open_http_svc/create_topic"] = Check<CreateTopicRequest>(CreateTopicRequest.ReadJson),
        ["group_open_http_svc/get_topic_permission_group"] = Check<GetTopicPermissionsRequest>(GetTopicPermissionsRequest.ReadJson),
        ["group_open_http_svc/get_permission_group_member_list"] = Check<GetPermissionGroupMembersRequest>(GetPermissionGroupMembersRequest.ReadJson),
        ["group_search/search"] = Check<SearchGroupsRequest>(SearchGroupsRequest.ReadJson),
        ["group_member_search/search"] = Check<SearchGroupMembersRequest>(SearchGroupMembersRequest.ReadJson),
        ["group_open_http_svc/get_group_counter"] = Check<GetGroupCountersRequest>(GetGroupCountersRequest.ReadJson),
        ["group_open_http_svc/update_group_counter"] = Check<UpdateGroupCountersRequest>(UpdateGroupCountersRequest.ReadJson),
        ["group_open_http_svc/delete_group_counter"] = Check<DeleteGroupCountersRequest>(DeleteGroupCountersRequest.ReadJson),
        ["group_open_http_svc/ban_group_member"] = Check<BanGroupMembersRequest>(BanGroupMembersRequest.ReadJson),
        ["group_open_http_svc/unban_group_member"] = Check<UnbanGroupMembersRequest>(UnbanGroupMembersRequest.ReadJson),
        ["group_open_http_svc/get_group_ban_member"] = Check<GetGroupBannedMembersRequest>(GetGroupBannedMembersRequest.ReadJson),
        ["group_open_http_svc/get_group_msg_receipt"] = Check<GetGroupReadReceiptsRequest>(GetGroupReadReceiptsRequest.ReadJson),
        ["group_open_http_svc/get_group_msg_receipt_detail"] = Check<GetGroupReadReceiptDetailRequest>(GetGroupReadReceiptDetailRequest.ReadJson),
        ["openim_msg_ext_http_svc/group_get_key_values"] = Check<GetGroupMessageExtensionsRequest>(GetGroupMessageExtensionsRequest.ReadJson),
        ["openim_msg_ext_http_svc/group_set_key_values"] = Check<SetGroupMessageExtensionsRequest>(SetGroupMessageExtensionsRequest.ReadJson),
        ["openim/modify_group_msg"] = Check<ModifyGroupMessageRequest>(ModifyGroupMessageRequest.ReadJson),
        ["group_open_http_svc/clear_group_msg"] = Check<ClearGroupMessagesRequest>(ClearGroupMessagesRequest.ReadJson),
        ["million_group_open_http_svc/get_topic"] = Check<GetTopicsRequest>(GetTopicsRequest.ReadJson),
        ["million_group_open_http_svc/modify_topic"] = Check<ModifyTopicRequest>(ModifyTopicRequest.ReadJson),
        ["million_group_open_http_svc/destroy_topic"] = Check<DestroyTopicsRequest>(DestroyTopicsRequest.ReadJson),
        ["million_group_open_http_svc/import_topic"] = Check<ImportTopicRequest>(ImportTopicRequest.ReadJson),
        ["group_open_http_svc/group_msg_receipt"] = Check<SendGroupReadReceiptRequest>(SendGroupReadReceiptRequest.ReadJson),
        ["group_open_http_svc/modify_permission_group"] = Check<ModifyPermissionGroupRequest>(ModifyPermissionGroupRequest.ReadJson),
        ["official_account_open_http_svc/create_official_account"] = Check<CreateOfficialAccountRequest>(CreateOfficialAccountRequest.ReadJson),
        ["official_account_open_http_svc/destroy_official_account"] = Check<DestroyOfficialAccountRequest>(DestroyOfficialAccountRequest.ReadJson),
        ["official_account_open_http_svc/modify_official_account_base_info"] = Check<ModifyOfficialAccountInfoRequest>(ModifyOfficialAccountInfoRequest.ReadJson),
        ["official_account_open_http_svc/send_official_account_msg"] = Check<SendOfficialAccountMessageRequest>(SendOfficialAccountMessageRequest.ReadJson),
        ["official_account_open_http_svc/get_official_account_info"] = Check<GetOfficialAccountInfoRequest>(GetOfficialAccountInfoRequest.ReadJson),
        ["official_account_open_http_svc/get_subscriber_info"] = Check<GetOfficialAccountSubscribersRequest>(GetOfficialAccountSubscribersRequest.ReadJson),
        ["official_account_open_http_svc/official_account_msg_recall"] = Check<RecallOfficialAccountMessagesRequest>(RecallOfficialAccountMessagesRequest.ReadJson),
        ["official_account_open_http_svc/official_account_msg_get_simple"] = Check<GetOfficialAccountHistoryRequest>(GetOfficialAccountHistoryRequest.ReadJson),
        ["official_account_open_http_svc/add_subscriber"] = Check<AddOfficialAccountSubscribersRequest>(AddOfficialAccountSubscribersRequest.ReadJson),
        ["official_account_open_http_svc/delete_subscriber"] = Check<DeleteOfficialAccountSubscribersRequest>(DeleteOfficialAccountSubscribersRequest.ReadJson),
        ["official_account_open_http_svc/modify_subscriber_info"] = Check<ModifyOfficialAccountSubscriberRequest>(ModifyOfficialAccountSubscriberRequest.ReadJson),
        ["official_account_open_http_svc/get_subscribed_official_account_list"] = Check<GetSubscribedOfficialAccountsRequest>(GetSubscribedOfficialAccountsRequest.ReadJson),
        ["openconfigsvr/getappinfo"] = Check<GetAppOperationDataRequest>(GetAppOperationDataRequest.ReadJson),
        ["open_msg_svc/get_history"] = Check<GetHistoryDownloadUrlsRequest>(GetHistoryDownloadUrlsRequest.ReadJson),
        ["ConfigSvc/GetIPList"] = Check<GetServerIpListRequest>(GetServerIpListRequest.ReadJson),
        ["im_cos_msg/forbid_illegal_object"] = Check<BanChatFileRequest>(BanChatFileRequest.ReadJson),
        ["im_cos_msg/allow_banned_object"] = Check<UnbanChatFileRequest>(UnbanChatFileRequest.ReadJson),
        ["im_cos_msg/get_cos_sig"] = Check<GetChatFileSignedUrlRequest>(GetChatFileSignedUrlRequest.ReadJson),
        ["profile/portrait_set"] = Check<SetProfileRequest>(SetProfileRequest.ReadJson),
        ["profile/portrait_get"] = Check<GetProfileRequest>(GetProfileRequest.ReadJson),
        ["recentcontact/get_list"] = Check<GetRecentContactsRequest>(GetRecentContactsRequest.ReadJson),
        ["recentcontact/delete"] = Check<DeleteRecentContactRequest>(DeleteRecentContactRequest.ReadJson),
        ["recentcontact/create_contact_group"] = Check<CreateConversationGroupRequest>(CreateConversationGroupRequest.ReadJson),
        ["recentcontact/update_contact_group"] = Check<UpdateConversationGroupRequest>(UpdateConversationGroupRequest.ReadJson),
        ["recentcontact/del_contact_group"] = Check<DeleteConversationGroupRequest>(DeleteConversationGroupRequest.ReadJson),
        ["recentcontact/mark_contact"] = Check<MarkConversationRequest>(MarkConversationRequest.ReadJson),
        ["recentcontact/search_contact_group"] = Check<SearchConversationGroupRequest>(SearchConversationGroupRequest.ReadJson),
        ["recentcontact/get_contact_group"] = Check<GetConversationGroupsRequest>(GetConversationGroupsRequest.ReadJson),
        ["sns/friend_add"] = Check<AddFriendsRequest>(AddFriendsRequest.ReadJson),
        ["sns/friend_import"] = Check<ImportFriendsRequest>(ImportFriendsRequest.ReadJson),
        ["sns/friend_update"] = Check<UpdateFriendsRequest>(UpdateFriendsRequest.ReadJson),
        ["sns/friend_delete"] = Check<DeleteFriendsRequest>(DeleteFriendsRequest.ReadJson),
        ["sns/friend_delete_all"] = Check<DeleteAllFriendsRequest>(DeleteAllFriendsRequest.ReadJson),
        ["sns/friend_check"] = Check<CheckFriendsRequest>(CheckFriendsRequest.ReadJson),
        ["sns/friend_get"] = Check<GetFriendsRequest>(GetFriendsRequest.ReadJson),
        ["sns/friend_get_list"] = Check<GetSpecifiedFriendsRequest>(GetSpecifiedFriendsRequest.ReadJson),
        ["sns/black_list_add"] = Check<AddBlocklistRequest>(AddBlocklistRequest.ReadJson),
        ["sns/black_list_delete"] = Check<DeleteBlocklistRequest>(DeleteBlocklistRequest.ReadJson),
        ["sns/black_list_get"] = Check<GetBlocklistRequest>(GetBlocklistRequest.ReadJson),
        ["sns/black_list_check"] = Check<CheckBlocklistRequest>(CheckBlocklistRequest.ReadJson),
        ["sns/group_add"] = Check<AddFriendGroupsRequest>(AddFriendGroupsRequest.ReadJson),
        ["sns/group_delete"] = Check<DeleteFriendGroupsRequest>(DeleteFriendGroupsRequest.ReadJson),
        ["sns/group_get"] = Check<GetFriendGroupsRequest>(GetFriendGroupsRequest.ReadJson),
    };

    /// <summary>Paths with a validator (a test checks it covers every generated endpoint).</summary>
    public static IEnumerable<string> Paths => Validators.Keys;

    /// <summary>Throws <see cref="ImCallException"/> with <paramref name="invalidParameterCode"/> when the body breaks a spec limit.</summary>
    public static void Validate(string path, JsonElement body, int invalidParameterCode)
    {
        if (!Validators.TryGetValue(path, out var validate))
        {
            return;
        }

        try
        {
            validate(body);
        }
        catch (ImValidationException e)
        {
            // Tencent's own code for the broken rule when the spec states it (constraint errorCodes, e.g. 93000 for a
            // one-to-one MsgBody over 12 KB), else the endpoint family's invalid-parameter code.
            throw new ImCallException(e.ErrorCode ?? invalidParameterCode, e.Message);
        }
    }

    private static Action<JsonElement> Check<T>(Reader<T> read)
        where T : IImRequest
        => body =>
        {
            T request;
            try
            {
                var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(body.GetRawText()));
                request = read(ref reader);
            }
            catch (ImJsonException e) when (e.Message.Contains("required", StringComparison.Ordinal))
            {
                // A field the spec marks required is missing or null: refused like Tencent's invalid-parameter answer.
                throw new ImValidationException(e.Path, "required", "required by the spec, missing or null");
            }
            catch (Exception e) when (e is JsonException or ImJsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
            {
                // Not readable as the generated type (e.g. a number sent as a string): the handler decides.
                return;
            }

            request.Validate();
        };
}
