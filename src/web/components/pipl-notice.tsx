// The collection notice of PIPL Art. 17 and 30: what is collected, why, and how it is kept. Shown
// at the top of the collection form (on a phone the list of what is collected opens on a tap)
// and printed in full on the paper form and a recipient's printed page.
import { useState } from 'react';
import { Alert, Button, Grid } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';

export const PIPL_NOTICE_TITLE = '个人信息收集告知';
export const PIPL_NOTICE_WHY =
  '依据《个人信息保护法》和退役军人事务部门职责收集，仅用于服务保障；敏感信息加密存储。';
export const PIPL_NOTICE_WHAT =
  '收集内容：姓名、公民身份号码、联系电话、住址、服役经历、人员类别与优抚类别、伤残与健康状况、就业与家庭情况、家庭成员、银行账号及证件材料。' +
  '其中公民身份号码、电话、银行账号、残疾军人证号、医疗健康信息为敏感个人信息，仅经授权的工作人员可查看，每次查看均记入审计日志。' +
  '本人可向所在服务站查阅、更正本人信息。';

export function PiplNotice() {
  const wide = Grid.useBreakpoint().md !== false;
  const [open, setOpen] = useState(false);
  const shown = wide || open;
  return (
    <Alert
      className="pipl-notice"
      type="info"
      showIcon
      icon={<SafetyOutlined />}
      title={
        <span>
          <strong>{PIPL_NOTICE_TITLE}：</strong>
          {PIPL_NOTICE_WHY}
        </span>
      }
      description={
        <>
          <span className={shown ? undefined : 'print-only-inline'}>{PIPL_NOTICE_WHAT}</span>
          {!shown && (
            <Button type="link" size="small" className="no-print pipl-more" onClick={() => setOpen(true)}>
              收集哪些信息、如何保护
            </Button>
          )}
        </>
      }
    />
  );
}
