/**
 * Table columns and team roles as printed by the bodies we have seen, Chinese and English. Data only: a new
 * column heading or role word goes here and nowhere else.
 */

export interface TableColumn {
  readonly key: string;
  readonly synonyms: readonly string[];
}

/** The audit team table (审核组成员 / Audit team). */
export const TEAM_TABLE_COLUMNS: readonly TableColumn[] = [
  { key: "seq", synonyms: ["序号", "编号", "No"] },
  {
    key: "name",
    synonyms: [
      "姓名",
      "名字",
      "Name",
      "审核员姓名",
      "成员姓名",
      "审核组成员",
      "组员姓名",
      "审核人员",
      // English-first forms (issue 24).
      "Auditor Name",
      "Name of Auditor",
      "Team Member",
      "Audit Team Member",
    ],
  },
  {
    key: "role",
    synonyms: [
      "组内职务",
      "组内身份",
      "角色",
      "职务",
      "审核中的作用",
      "作用",
      "组内分工",
      "岗位",
      "Role",
      "身份",
      "Position",
      "Function",
      "Role in Team",
      "Team Role",
    ],
  },
  {
    key: "grade",
    synonyms: [
      "注册级别",
      "资格",
      "级别",
      "审核员级别",
      "注册资格",
      "资格类别",
      "资格类型",
      "Grade",
      "Qualification",
      "Auditor Grade",
      "Qualification Level",
    ],
  },
  {
    key: "reg",
    synonyms: [
      "审核员注册证书号",
      "注册证书号",
      "注册号",
      "证书编号",
      "注册编号",
      "资格证书号",
      "注册证书编号",
      "审核员证件号码",
      "证件号码",
      "证书号",
      "Registration No",
      "Registration Number",
      "Reg. No",
      "Certificate No",
      "CCAA No",
      "Auditor No",
    ],
  },
  {
    key: "codes",
    synonyms: [
      "专业代码",
      "专业",
      "技术代码",
      "专业类别",
      "专业范围",
      "能力代码",
      "Technical Code",
      "Code",
      "Codes",
      "Technical Area",
      "Technical Area Codes",
      "Sector Code",
      "Sector Codes",
      "IAF Code",
      "Scope Code",
    ],
  },
  { key: "from", synonyms: ["来自", "单位", "所在单位", "工作单位"] },
];

/** The nonconformity table (不符合项汇总). */
export const NC_TABLE_COLUMNS: readonly TableColumn[] = [
  { key: "seq", synonyms: ["编号", "序号", "No", "不符合项编号", "NC No", "NCR No", "Finding No"] },
  {
    key: "clause",
    synonyms: ["条款", "标准条款", "涉及条款", "对应条款", "Clause", "Standard Clause", "Clause No"],
  },
  {
    key: "dept",
    synonyms: ["部门", "受审核部门", "责任部门", "涉及部门", "Department", "Dept", "Area / Process", "Area"],
  },
  {
    key: "severity",
    synonyms: [
      "性质",
      "类型",
      "严重程度",
      "不符合性质",
      "不符合类型",
      "等级",
      "级别",
      "Grade",
      "Type",
      "Category",
      "Classification",
      "Level",
    ],
  },
  {
    key: "text",
    synonyms: [
      "描述",
      "不符合描述",
      "不符合事实",
      "事实描述",
      "不符合项描述",
      "内容",
      "审核发现",
      "发现",
      "Description",
      "Finding",
      "Findings",
      "Statement of Nonconformity",
      "Description of Finding",
      "Nonconformity",
    ],
  },
];

/** The last words of a department's name (品质部, 注塑车间, 项目部): what makes a short Chinese run a department in
 * an NC's paragraph or cell. */
export const DEPARTMENT_ENDINGS: readonly string[] = [
  "部门",
  "部",
  "室",
  "科",
  "处",
  "中心",
  "车间",
  "办公室",
  "组",
  "办",
  "厂",
  "仓库",
  "工地",
  "项目部",
];

/** Labels of a department inside an NC's paragraph (部门：品质部). */
export const NC_DEPARTMENT_LABELS: readonly string[] = ["部门", "受审核部门", "责任部门"];

/** A summary's labels that list the NCs as department and clause pairs (涉及部门/条款：人力行政部 7.3；财务部 8.5.1). */
export const NC_SUMMARY_LABELS: readonly string[] = [
  "涉及部门/条款",
  "涉及部门及条款",
  "涉及条款/部门",
  "涉及部门",
  "涉及条款",
];

/** The finding's own label inside an NC's paragraph (…，事实：…). */
export const NC_FINDING_LABELS: readonly string[] = [
  "不符合事实",
  "事实描述",
  "不符合描述",
  "不符合内容",
  "事实",
  "描述",
  "情况",
];

/** Labels of an NC paragraph's parts whose colon OCR may misread (部门;品质部). */
export const NC_PART_LABELS: readonly string[] = [
  "受审核部门",
  "责任部门",
  "部门",
  "不符合条款",
  "标准条款",
  "条款",
  "不符合事实",
  "事实描述",
  "不符合描述",
  "事实",
  "描述",
];

/** Words that put an NC table in an earlier audit (上次审核不符合项验证, 前次审核不符合项): a surveillance form lists the
 * previous audit's NCs, closed, under their own heading or column; they are not this audit's NCs. */
export const NC_EARLIER_AUDIT_WORDS: readonly string[] = [
  "上次",
  "前次",
  "上一次",
  "以往",
  "Previous",
  "Last audit",
];

/** The words for a nonconformity that head its labels and titles (不符合项编号, 不合格报告单). */
export const NONCONFORMITY_WORDS: readonly string[] = ["不符合", "不合格"];

/**
 * A nonconformity report form (one per NC): its title and the labels of its parts, Chinese and English. The
 * title may be printed English first (Nonconformity Report 不符合项报告); the Chinese titles are read by the form
 * reader's own pattern (不符合项报告, 不合格报告单, 不符合项记录 …), so only the English ones are listed here.
 */
export const NC_FORM_TITLES_EN: readonly string[] = [
  "Nonconformity Report",
  "Non-conformity Report",
  "Nonconformance Report",
  "Non-conformance Report",
  "Corrective Action Request",
];
/** What a form's title may follow on its line: the attachment it is printed as (附件1　不符合项报告), a number after it. */
export const NC_FORM_TITLE_LEADS: readonly string[] = ["附件", "附表", "附录"];
/** The noun of a Chinese NC form's title after 不符合项 / 不合格项: 不符合项报告单, 不合格项记录. */
export const NC_FORM_TITLE_NOUNS: readonly string[] = ["报告单", "报告表", "报告", "记录"];
/** Labels of a form's other parts that may follow a department's cell on its line (注塑车间 审核员：何丽). */
export const NC_FORM_NEXT_LABELS: readonly string[] = [
  "审核员",
  "审核组长",
  "组长",
  "陪同人员",
  "受审核方代表",
  "部门负责人",
  "负责人",
  "日期",
  "编号",
];
/** Words a line of a form opens with when it starts another part, ending the finding above it (违反…, 审核员：). */
export const NC_FORM_PART_OPENERS: readonly string[] = ["违反", "依据", "审核员", "审核组长", "受审核方"];
/** The statement of what a finding breaches (不符合GB/T 19001标准7.1.5条款), which opens another part of a form: the
 * word, then a standard's prefix, or within a few characters the word for a standard or a clause. */
export const NC_BREACH_STATEMENT = {
  word: "不符合",
  prefixes: ["GB", "ISO"],
  standard: "标准",
  clause: "条款",
} as const;
export const NC_FORM_LABELS = {
  department: [
    "受审核部门",
    "责任部门",
    "不符合部门",
    "涉及部门",
    "部门",
    "Department",
    "Auditee Department",
    "Function / Department",
    "Area / Process",
    "Area",
  ],
  finding: [
    "不符合事实描述",
    "不符合项事实描述",
    "不符合事实",
    "事实描述",
    "不符合项描述",
    "不符合描述",
    "不符合内容",
    "问题描述",
    "Statement of Nonconformity",
    "Nonconformity Statement",
    "Description of Nonconformity",
    "Description of Finding",
    "Nonconformity",
  ],
  kind: [
    "不符合性质",
    "不符合项性质",
    "不符合类型",
    "不符合项类型",
    "不符合程度",
    "不符合严重程度",
    "严重程度",
    "性质",
    "类型",
    "Grade",
    "Category",
    "Classification",
    "NC Grade",
    "Type of Nonconformity",
  ],
} as const;

/** Grades a role cell may print beside the role (Auditor (trainee) 实习审核员): the longest first. */
export const TEAM_GRADE_WORDS: readonly string[] = ["高级审核员", "实习审核员", "技术专家", "审核员"];

/** Marks in a role cell that it names a grade beside the role (组员（实习）, 组长 高级审核员): plain 审核员 does not. */
export const TEAM_GRADE_MARKS: readonly string[] = ["实习", "技术专家", "高级"];

export type TeamRoleWord = "leader" | "member" | "expert" | "observer" | "guide";

/**
 * Role words of team listings, tried in this order (the first family whose word the text holds wins): 副组长 is
 * a member although it holds 组长. Compared in label form (no spaces, lower case), so "Team Leader" is teamleader.
 */
export const TEAM_ROLE_WORDS: readonly { readonly role: TeamRoleWord; readonly words: readonly string[] }[] =
  [
    { role: "guide", words: ["向导", "陪同"] },
    { role: "member", words: ["副组长"] },
    { role: "leader", words: ["组长", "teamleader", "leader", "leadauditor"] },
    { role: "expert", words: ["技术专家", "专家", "expert"] },
    { role: "observer", words: ["观察员", "observer"] },
    { role: "member", words: ["组员", "审核员", "成员", "auditor", "member"] },
  ];

/**
 * Roles written before a signing place's colon (审核组长（签字）：, 组员：, 审核组：张心、冉景洲): the places a
 * team signs at. Longest first, as printed (the parser allows spaces and a bracketed remark after them).
 */
export const SIGNING_ROLE_LABELS: readonly string[] = [
  "审核组长",
  "审核组员",
  "审核组",
  "组长",
  "组员",
  "审核员",
  "技术专家",
];

/** Words no person's name holds: a cell or token holding one is a label or heading (审核员, 姓名, 专业代码, 受审核方). */
export const NOT_IN_PERSON_NAME_WORDS: readonly string[] = [
  "审核",
  "专业",
  "代码",
  "序号",
  "姓名",
  "签字",
  "人员",
  "受审核方",
  "来自",
  "观察员",
  "向导",
  "组长",
  "组员",
  "报告",
  "记录",
];

/** A team table's "from" cell naming the auditee (受审核方, 企业): that row is the auditee's person, no team member. */
export const AUDITEE_SIDE_WORDS: readonly string[] = ["受审核方", "受审核组织", "企业"];

/** Words that make a label a place to sign (审核组长（签字）：, 签名：), and the pledge a team signs under (承诺人). */
export const SIGNING_WORDS = {
  sign: ["签字", "签名", "签章"],
  pledge: ["承诺人"],
  /** The leader's signing labels, beside which the report's date is often written (审核组长：罗文斌 2024年5月14日). */
  leader: ["审核组长", "组长"],
  /** What a signing place's value may end with: the next place's label (…王晓明 日期：). */
  nextLabels: ["日期", "时间", "签字", "签名"],
} as const;

/** Labels of the auditee's own signing places (受审核方代表：, 陪同人员：): no team member signs there. */
export const AUDITEE_SIGNING_WORDS: readonly string[] = ["受审核方", "代表", "陪同", "企业", "负责人"];

/**
 * The team written out line by line (审核组长：张三 / 组员：李四、王五): the role labels a line opens with (longest
 * first), the team labels that may stand before a role (审核组成员：组长 张三) or before the names themselves
 * (审核组：张建国（组长）、李梅), and the places where names follow in any line (审核员 only with its colon: it is an
 * everyday word of the narrative).
 */
export const TEAM_LINE_WORDS = {
  roles: [
    "审核组组长",
    "审核组组员",
    "审核组长",
    "实习审核员",
    "审核组成员",
    "审核组员",
    "审核员",
    "技术专家",
    "观察员",
    "组长",
    "组员",
    "专家",
  ],
  beforeRole: ["审核组成员", "审核组组成", "审核组"],
  beforeNames: ["审核组组成", "审核组名单", "审核组"],
  places: [
    "审核组长",
    "副组长",
    "组长",
    "审核组成员",
    "审核组员",
    "组员",
    "技术专家",
    "观察员",
    "审核组",
    "审核员",
  ],
  placesNeedingColon: ["审核员"],
  /** Auditor grades a line may print after a name (张三 高级审核员). */
  grades: ["高级审核员", "实习审核员", "审核员"],
} as const;

/**
 * Words of a signing place's label that give the place to the whole team (审核组：, 审核组签字, Audit team),
 * tried only when the label holds no word of TEAM_ROLE_WORDS (审核组长 is the leader's place alone). Label form.
 */
export const TEAM_WHOLE_WORDS: readonly string[] = ["审核组", "评价组", "auditteam"];
