// 参与指南、活动概览框、知识中心、搜索和服务页面的中文文本（portal-guide-en.ts
// 和 service-pages-en.ts 的译文；属于 `zh` 目录）。[文字](/路径) 表示链接；
// {contact} 和 {days} 由页面填入。
import type { ServicePage } from './service-pages-en';

const servicePagesZh: { privacy: ServicePage; accessibility: ServicePage; about: ServicePage; days: (days: number) => string } = {
  days: (days) => `${days}天`,
  privacy: {
    title: '隐私声明',
    description: 'WhatsOn 保存您的哪些信息、原因、保存多久、谁能看到，以及如何获取或删除这些信息。',
    lead: 'WhatsOn 由毒品和犯罪问题办公室秘书处（其民间社会股）运营，以便民间社会关注并参加《联合国打击跨国有组织犯罪公约》相关会议。本声明说明本网站保存您的哪些信息以及您可以采取的措施。',
    sections: [
      {
        heading: '保存哪些信息及原因',
        items: [
          '您的账户：姓名、电子邮件地址、职务、组织和角色，以及经不可逆哈希处理的密码（绝不保存密码本身）。这些信息用于您登录以及就您的申请与您联系。',
          '您组织的简介：名称、简称、类型、国家、网站、说明、经社理事会咨商地位、专长领域和认可决定。秘书处据此认可该组织；只有在组织同意的情况下，简介才会列入公开名录。',
          '活动参会申请：您的参加方式（现场或在线）、您的陈述、差旅资助或发言请求，以及相关决定。秘书处据此组织会议。',
          '申请时填写的无障碍、饮食及类似需求：仅供秘书处查看，并在活动结束{days}后删除。',
          '您组织提交的书面意见及其附件：仅在组织同意并经秘书处审核后发布。',
          '安全记录：登录会话、登录失败次数（按账户和网络地址统计，在最后一次尝试一天后删除），以及秘书处决定的审计日志。',
          '门户网站发给您的电子邮件，保存至投递成功为止。',
        ],
      },
      {
        heading: '保存期限',
        paragraphs: [
          '您的账户及其相关信息在账户存续期间予以保存。会话最迟在登录90天后结束（秘书处为12小时）。无障碍及类似需求在活动结束{days}后删除。您删除账户时，您的个人数据随之删除；您组织所需的记录（其报名和已发布的意见）经匿名化处理后保留。',
        ],
      },
      {
        heading: '谁能看到',
        paragraphs: [
          '秘书处可以看到认可组织、决定申请和审核意见所需的信息。您组织的联络人可以看到本组织的报名。公众只能看到已发布的意见、公开名录和活动本身。任何信息都不会出售，也不会为广告目的而共享；门户网站不设置跟踪 Cookie，只设置保持登录状态的 Cookie。',
        ],
      },
      {
        heading: '如何获取或删除',
        paragraphs: [
          '登录后，您可以[下载门户网站保存的关于您的全部信息](/account/data.json)（JSON 格式），也可以[删除您的账户](/account/delete)。如有其他事项或需要更正，请发送电子邮件至{contact}联系秘书处。',
        ],
      },
    ],
  },
  accessibility: {
    title: '无障碍声明',
    description: 'WhatsOn 如何符合 WCAG 2.1 AA 级标准、如何测试、已知局限，以及如何报告障碍。',
    lead: 'WhatsOn 力求让每个人都能在任何设备上使用，无论是否借助辅助技术。',
    sections: [
      { heading: '标准', paragraphs: ['门户网站力求符合《Web 内容无障碍指南》（WCAG）2.1 AA 级。'] },
      {
        heading: '测试方法',
        items: [
          '每次更改后，都会在真实浏览器中用 axe-core 按照 WCAG 2.1 A 级和 AA 级标准自动检查每类页面。',
          '每类页面都在375像素的手机宽度下检查：不得出现横向滚动。',
          '测试键盘操作：跳转链接可直达主要内容，每个控件都可以到达并显示焦点位置。',
          '每个表单无需 JavaScript 即可使用；错误显示在相应字段旁并在页面顶部汇总，已输入的内容不会丢失。',
          '时间按会场所在时区显示并注明时区名称；浏览器允许时，还会显示您的当地时间。',
        ],
      },
      {
        heading: '已知局限',
        items: [
          '活动页面和知识中心链接的文件由他方发布，可能不符合无障碍要求；请向秘书处索取其他格式。',
          '目前部分内容（活动说明、文件）仅有英文版本。',
          '自动检查能发现许多障碍，但不能发现全部；门户网站尚未经过日常使用辅助技术者的审核。',
        ],
      },
      {
        heading: '报告障碍',
        paragraphs: [
          '如果您难以或无法使用 WhatsOn 的某项功能，请发送电子邮件至{contact}联系秘书处：说明是哪个页面、您尝试了什么操作，以及您使用的辅助技术（如有）。秘书处将在五个工作日内答复，并在此期间通过其他方式提供帮助（例如通过电子邮件提交申请）。',
        ],
      },
    ],
  },
  about: {
    title: '审议机制和建设性对话',
    description: '《打击跨国有组织犯罪公约》审议机制如何运作，民间社会在何处发表意见。',
    lead: '《联合国打击跨国有组织犯罪公约》及其三项议定书（贩运人口、偷运移民、枪支）的实施情况由各缔约国审议。民间社会在审议中发表意见，主要是通过建设性对话。',
    sections: [
      {
        heading: '审议机制',
        paragraphs: ['审议机制由缔约方会议于2018年通过、2020年启动，按专题组审议各缔约国实施《公约》的情况：'],
        ordered: true,
        items: [
          '刑事定罪和管辖权；',
          '预防、技术援助、保护措施和其他措施；',
          '执法和司法系统；',
          '国际合作、司法协助、引渡和没收。',
        ],
        after: [
          '每个国家由抽签产生的另外两个国家审议，其中一个来自其所在区域组；审议依据是该国对调查问卷的书面答复和有关文件（案头审议）。随后由缔约方会议各工作组审查审议结果。哪些国家处于哪一审议阶段是公开的；审议文件往往不公开。',
        ],
      },
      {
        heading: '建设性对话',
        paragraphs: [
          '审议机制各工作组每次会议之后都举行一次建设性对话，主题涉及枪支、技术援助、国际合作、贩运人口和偷运移民。非政府组织（无论是否具有经社理事会咨商地位）、学术机构和私营部门与各国会面，通常在维也纳国际中心并同时在线举行，前一天为筹备日。申请须经审核，优先考虑在相关专题方面具有公认专长者。每次对话通常都会发出附有指导性问题的书面意见征集，对话结束后由共同主席发布摘要。',
        ],
      },
      {
        heading: '如何参与',
        ordered: true,
        items: [
          '[登记您的组织](/signup)。',
          '秘书处给予认可。',
          '申请参加[对话](/dialogues)和[活动](/events)，并回应[书面意见](/submissions)征集。',
        ],
        after: ['[知识中心](/resources)提供利益攸关方参与工具包、指南和以往对话的摘要。如有问题：{contact}。'],
      },
    ],
  },
};

export const portalGuideZh = {
  orientation: {
    heading: '如何参与',
    intro: '民间社会组织分三步参与。',
    steps: [
      { title: '登记您的组织', text: '为您本人和您的组织创建账户，只需几分钟。' },
      { title: '由秘书处认可', text: '秘书处核实您的组织是否从事与《公约》相关的工作，通常需要几个工作日。' },
      { title: '申请参加活动并提交书面意见', text: '获得认可后，即可申请参加会议和对话，并回应意见征集。' },
    ],
    yourNextStep: '您的下一步',
    next: {
      'signed-out': { text: '为您的组织创建账户。如已有账户，请登录。', action: '创建账户', href: '/signup' },
      unconfirmed: { text: '请确认您的电子邮件地址：打开我们发给您的邮件中的链接。', action: '您的账户', href: '/account' },
      'no-organisation': { text: '您的账户尚未与任何组织关联。请让您组织的联络人邀请您。', action: '您的账户', href: '/account' },
      pending: { text: '您的组织正在等待认可。秘书处作出决定后，您将收到电子邮件。', action: '查看状态', href: '/account' },
      rejected: { text: '您的组织未获认可。您的账户页面载有理由；请更新简介，并致函秘书处申请重新审核。', action: '您的账户', href: '/account' },
      accredited: { text: '您的组织已获认可：请在下方申请参加活动并回应意见征集。', action: '查找对话', href: '/dialogues' },
      secretariat: { text: '您已以秘书处身份登录。', action: '秘书处页面', href: '/admin' },
    } as Record<string, { text: string; action: string; href: string }>,
  },
  inputForm: { chooseCall: '是否在回应某次意见征集？请先在此选择，以便表格中显示其指导性问题：' },
  header: { search: '搜索', searchLabel: '搜索门户网站', signUp: '注册' },
  footer: {
    about: '审议机制和建设性对话',
    privacy: '隐私声明',
    accessibility: '无障碍',
    resources: '知识中心',
    contact: '联系秘书处',
    servicePages: '关于本门户网站',
  },
  box: {
    label: '概览',
    when: '时间',
    format: '形式',
    applications: '申请',
    applicationsOpenUntil: (date: string) => `申请截止时间：${date}`,
    applicationsOpenFrom: (date: string) => `申请开始时间：${date}`,
    applicationsClosed: '申请已截止',
    applicationsExternal: '在其他网站报名',
    noApplications: '无需报名',
    /** “共80个名额，尚余12个”；两种方式都有限额时分别列出。 */
    places: (modes: { mode: 'in-person' | 'online'; left: number; capacity: number }[]) =>
      modes.length === 1
        ? `共${modes[0]!.capacity}个名额，尚余${modes[0]!.left}个`
        : modes.map(({ mode, left, capacity }) => `${mode === 'in-person' ? '现场' : '在线'}名额共${capacity}个，尚余${left}个`).join('；'),
    call: '书面意见',
    callOpenUntil: (date: string) => `意见征集截止时间：${date}`,
    callOpensOn: (date: string) => `意见征集开始时间：${date}`,
    callClosed: '意见征集已截止',
    subscribe: '添加到您的日历',
    signInToWrite: '登录后撰写意见',
    cannotWrite: '您无法撰写意见',
    whyNot: '原因',
  },
  servicePages: servicePagesZh,
  resources: {
    title: '知识中心',
    intro: '工具包、指南、审议机制文件、以往对话的共同主席摘要和录像。',
    types: {
      toolkit: '工具包',
      chapter: '工具包章节',
      guide: '指南',
      'review-mechanism': '审议机制文件',
      'co-chairs-summary': '共同主席摘要',
      recording: '录像',
    } as Record<string, string>,
    type: '类型',
    anyType: '所有类型',
    language: '语言',
    anyLanguage: '所有语言',
    open: '打开',
    download: '下载',
    results: (count: number) => `${count}项资源`,
    empty: '没有符合这些筛选条件的资源。',
    linked: '相关资源',
    partOf: '所属',
    chapters: '章节',
    published: '日期',
  },
  search: {
    title: '搜索',
    intro: '活动、会外活动、对话、专题、资源和已发布的书面意见。',
    query: '搜索内容',
    kind: '类别',
    anyKind: '全部',
    kinds: { event: '活动', topic: '专题', resource: '资源', input: '书面意见' } as Record<string, string>,
    submit: '搜索',
    results: (count: number, query: string) => `“${query}”的搜索结果：${count}项`,
    empty: (query: string) => `没有与“${query}”匹配的内容。请减少用词或换用其他词语。`,
    prompt: '请输入一两个词：主题、地点或会议。',
    tooLong: '最多可输入200个字符。',
  },
};
