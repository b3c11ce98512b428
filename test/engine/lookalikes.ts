// Pages that look like a reference but are not a copy of it, written for the
// tests (they are not copies of any real article): bulletins of other
// meetings on the same page template, and reports that quote instructions a
// bulletin also carries. The engine must leave them unmatched.

/**
 * A provincial standing committee meeting of another date, written on the
 * template of sichuan-2020-01-26: same headline formula, the same opening and
 * closing sentences of the genre, the 四个意识 formula, a few instruction
 * sentences every bulletin of those weeks repeats; other business.
 */
export const provincialMeetingOtherDate = `省委召开常委会会议
传达学习习近平总书记在中央政治局常委会会议上的重要讲话精神
研究我省春季农业生产和脱贫攻坚工作
四川在线消息 2月21日,省委召开常委会会议,传达学习习近平总书记在中央政治局常委会会议研究统筹推进疫情防控和经济社会发展工作时的重要讲话精神,听取我省春耕备耕和脱贫攻坚工作汇报,研究部署下一步工作。省委书记彭清华主持会议并讲话。
会议指出,今年是全面建成小康社会和“十三五”规划收官之年,也是脱贫攻坚决战决胜之年。全省各级各部门要切实增强“四个意识”、坚定“四个自信”、做到“两个维护”,深入学习贯彻习近平总书记的重要讲话和重要指示精神,坚决克服疫情影响,确保如期完成脱贫攻坚目标任务。要抓紧推动扶贫项目开工复工,优先支持贫困劳动力外出务工,组织好消费扶贫,防止因疫返贫致贫。
会议强调,要不误农时抓好春耕生产,稳定粮食播种面积,抓好生猪生产恢复,保障“菜篮子”产品供给。要畅通农资运输渠道,确保种子、化肥、农药及时供应到位。要加强农业技术指导服务,推广线上培训和远程指导,帮助农民科学种田。
会议指出,要统筹做好疫情防控和经济社会发展工作,分区分级精准复工复产,支持中小微企业渡过难关,落实减税降费政策,稳住就业基本盘。各级党政领导干部特别是主要领导干部要坚守岗位、靠前指挥,层层落实责任,切实做到守土有责、守土负责、守土尽责。
会议还研究了其他事项。`;

/**
 * A county report that quotes the central instructions of late January,
 * sentences a bulletin (xinhua-2020-01-25) also carries, among its own
 * business: a report of a meeting, not a copy of the bulletin.
 */
export const reportQuotingInstruction = `县委召开疫情防控工作推进会
本报讯 2月6日下午,县委召开疫情防控工作推进会,通报全县疫情防控工作进展情况,安排部署下一阶段重点工作。县委书记王建国主持会议并讲话。
会议指出,习近平总书记强调,生命重于泰山。疫情就是命令,防控就是责任。全县上下要把人民群众生命安全和身体健康放在第一位,把疫情防控工作作为当前最重要的工作来抓。
会议要求,各乡镇要继续做好返乡人员排查登记,落实村组网格化管理,对居家观察人员每日两次测量体温,做到不漏一户、不漏一人。县卫健局要加强发热门诊管理,规范设置预检分诊点,确保疑似病例及时转运。
会议强调,要按照上级要求,做到早发现、早报告、早隔离、早治疗,坚决防止疫情扩散。各级党政领导干部特别是主要领导干部要坚守岗位、靠前指挥,在防控疫情斗争中经受考验,做到守土有责、守土尽责。县市场监管局要加强口罩、消毒液等防疫物资价格监管,严厉打击哄抬物价行为。
会议要求,各部门要加强值班值守,严格执行信息报送制度,确保政令畅通。`;
