import type { LocaleTexts } from '../templates';

// SMS texts carry no 【签名】: the SMS gateway adds the provider's registered signature.
const greeting = '尊敬的客户：\n\n您好！';
const staffSignOff = '\n\n该链接仅可使用一次。如您并未预期收到此邮件，请勿使用该链接，并告知您的管理员。';
const signOff = '\n\n此邮件由系统自动发送，请勿直接回复。如有疑问，请联系我们的客服。';

export const zhCN: LocaleTexts = {
  date: (d) => {
    const [y, m, day] = d.split('-').map(Number);
    return `${y}年${m}月${day}日`;
  },
  balanceOutcome: {
    refund: (amount) =>
      `您账户中的现金余额${amount ? ` ${amount} ` : ''}将退还给您（赠送余额不可退还），退款办理后我们会另行通知您。`,
    forfeit: (amount) => `根据注销规则，您账户中的剩余余额${amount ? ` ${amount} ` : ''}将不予退还。`,
    none: () => '您的账户没有需要退还的余额。',
  },
  rejectReason: {
    identity_not_verified: '未能核实您的身份',
    outstanding_bills: '您的账户尚有未结清的账单',
    customer_unreachable: '我们多次尝试联系您均未成功',
    duplicate_request: '该申请与您已提交的另一申请重复',
    fraud_suspected: '该申请未能通过安全审核',
    other: '其他原因，详情请联系客服',
  },
  templates: {
    closure_received: {
      subject: '您的账户注销申请已受理（受理编号：{reference}）',
      email:
        `${greeting}您的账户注销申请已受理，受理编号：{reference}。请妥善保存此编号，以便查询办理进度。\n\n` +
        '我们将在{dueDate}前完成审核并将结果通知您。如需您补充材料，我们会另行与您联系。' +
        signOff,
      sms: '您的账户注销申请已受理，受理编号：{reference}，请妥善保存。我们将在{dueDate}前处理完毕并通知您。',
    },
    info_requested: {
      subject: '您的注销申请需要补充信息（受理编号：{reference}）',
      email:
        `${greeting}为继续办理您的账户注销申请（受理编号：{reference}），我们需要您补充以下信息：\n\n{message}\n\n` +
        '请您通过客服渠道提供上述信息，我们收到后将尽快继续办理。感谢您的配合。' +
        signOff,
      sms: '您的注销申请（{reference}）需补充信息：{message} 请联系客服提供，谢谢。',
    },
    closure_approved: {
      subject: '您的账户注销申请已审核通过（受理编号：{reference}）',
      email:
        `${greeting}您的账户注销申请（受理编号：{reference}）已审核通过，服务将于{effectiveDate}终止。\n\n` +
        '{balanceOutcome}\n\n' +
        '服务终止后，请在您的设备上删除对应的 eSIM 配置文件。账户注销后无法恢复；如日后需要再次使用我们的服务，需开立新账户。' +
        signOff,
      sms: '您的注销申请（{reference}）已审核通过，服务将于{effectiveDate}终止。{balanceOutcome}',
    },
    closure_rejected: {
      subject: '关于您的账户注销申请的处理结果（受理编号：{reference}）',
      email:
        `${greeting}很抱歉地通知您，您的账户注销申请（受理编号：{reference}）未能通过审核，原因：{reason}。\n\n` +
        '您的账户将继续正常使用。如有疑问或希望重新申请，欢迎随时联系客服。' +
        signOff,
      sms: '很抱歉，您的注销申请（{reference}）未能通过审核，原因：{reason}。如有疑问请联系客服。',
    },
    closure_withdrawn: {
      subject: '您的账户注销申请已撤回（受理编号：{reference}）',
      email:
        `${greeting}您的账户注销申请（受理编号：{reference}）已撤回，您的账户将继续正常使用，无需其他操作。\n\n` +
        '如撤回并非您本人的意愿，请尽快联系客服。感谢您继续选择我们的服务。' +
        signOff,
      sms: '您的注销申请（{reference}）已撤回，账户将继续正常使用。如非本人操作，请尽快联系客服。',
    },
    closure_completed: {
      subject: '您的账户已注销（受理编号：{reference}）',
      email:
        `${greeting}您的账户已于{effectiveDate}完成注销，受理编号：{reference}，网络确认编号：{confirmation}。请妥善保存，作为注销凭证。\n\n` +
        '您名下的 eSIM 号码均已停用，请在各设备的设置中删除对应的 eSIM 配置文件。\n\n' +
        '账户注销后无法恢复；如日后需要再次使用我们的服务，欢迎开立新账户。感谢您一直以来的支持。' +
        signOff,
      sms: '您的账户已于{effectiveDate}完成注销，受理编号：{reference}，确认编号：{confirmation}，请妥善保存。请在设备上删除对应的eSIM配置文件。',
    },
    refund_recorded: {
      subject: '您的退款已办理（受理编号：{reference}）',
      email:
        `${greeting}与您的账户注销申请（受理编号：{reference}）相关的退款 {amount} 已办理，` +
        '款项将退回至相应的收款账户，具体到账时间以支付机构为准。' +
        signOff,
      sms: '您的注销申请（{reference}）相关退款{amount}已办理，到账时间以支付机构为准。',
    },
    info_reminder: {
      subject: '提醒：您的注销申请仍需补充信息（受理编号：{reference}）',
      email:
        `${greeting}为继续办理您的账户注销申请（受理编号：{reference}），我们需要您提供：\n\n{message}\n\n` +
        '我们尚未收到上述信息。请在{days}天内通过客服渠道提供，否则该申请将被撤回，您的账户将继续正常使用。' +
        signOff,
      sms: '提醒：您的注销申请（{reference}）仍需补充：{message} 如{days}天内未收到，申请将被撤回。',
    },
    closure_withdrawn_no_answer: {
      subject: '您的账户注销申请已撤回（受理编号：{reference}）',
      email:
        `${greeting}我们请您为账户注销申请（受理编号：{reference}）补充信息，但在{days}天内未收到您的答复，因此该申请已撤回，您的账户将继续正常使用。\n\n` +
        '如仍需注销账户，欢迎随时通过应用或客服重新提出申请，我们将为您重新受理。' +
        signOff,
      sms: '您的注销申请（{reference}）因{days}天内未收到答复已撤回，账户继续正常使用。如需注销，请通过应用或客服重新申请。',
    },
    staff_invited: {
      subject: '您的 Closure Desk 账户：请设置密码',
      email:
        '{fullName}，您好：\n\n管理员已为您开通 Closure Desk 账户。请在 {hours} 小时内通过以下链接设置您的密码：\n\n{link}' +
        staffSignOff,
      sms: '您的 Closure Desk 账户已开通，请在 {hours} 小时内访问 {link} 设置密码。',
    },
    staff_password_reset: {
      subject: 'Closure Desk：请设置新密码',
      email:
        '{fullName}，您好：\n\n管理员已重置您的 Closure Desk 密码，您的所有会话均已结束。请在 {hours} 小时内通过以下链接设置新密码：\n\n{link}' +
        staffSignOff,
      sms: '您的 Closure Desk 密码已被重置，请在 {hours} 小时内访问 {link} 设置新密码。',
    },
  },
};
