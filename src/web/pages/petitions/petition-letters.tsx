// The petition's written notices on A4 (受理告知书, 不予受理告知书, 延期告知书, 处理意见书): the
// server writes the text; here it is laid out as a sheet in a modal, headed and signed with the
// center's or station's full name, with the seal area (盖章处) over the date. The 受理告知书 carries
// the query code and the public query page's address. 打印 prints only the sheet on A4 (the rest of
// the page is hidden by the print CSS in petitions.css; @page A4 in styles.css).
import { Alert, Button, Modal, Skeleton } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { petitionLetterKindLabels, type PetitionLetterDto, type PetitionLetterKind } from '../../../shared/schemas/petitions';
import { usePetitionLetter } from '../../api/petitions';

/** '2026-06-15' → '2026年6月15日' */
export function cnDate(day: string | null | undefined): string {
  if (!day) return '____年__月__日';
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** One letter as an A4 sheet. */
export function PetitionLetter({ d }: { d: PetitionLetterDto }) {
  return (
    <article className="petition-letter" data-testid={`letter-${d.kind}`}>
      <div className="letter-head">{d.unitName}</div>
      <h1 className="letter-title">{d.title}</h1>
      <div className="letter-no">{d.registrationNo}</div>
      <p className="letter-to">{d.petitionerName}：</p>
      {d.paragraphs.map((p, i) => (
        <p className="letter-para" key={i}>
          {p}
        </p>
      ))}
      {d.queryPath && (
        <div className="letter-query" data-testid="letter-query">
          <div>
            查询码：<span className="letter-query-code">{d.queryCode ?? '（登记时已告知）'}</span>
          </div>
          <div>
            查询网址：<span className="letter-query-url">{`${window.location.origin}${d.queryPath}`}</span>
          </div>
          <div className="letter-query-how">查询方法：打开上述网址，输入查询码和登记时留的手机号码，即可查看办理进度。</div>
        </div>
      )}
      <div className="letter-sign">
        <div className="letter-sign-text">
          <div className="letter-seal" data-testid="letter-seal" aria-label="盖章处">
            盖章处
          </div>
          <div>{d.unitName}</div>
          <div>{cnDate(d.day)}</div>
        </div>
      </div>
      <div className="letter-foot">（本文书一式两份，一份送达信访人，一份存档）</div>
    </article>
  );
}

/** The letter of a petition in a modal with a print button. */
export function LetterModal({ petitionId, kind, onClose }: { petitionId: string; kind: PetitionLetterKind | null; onClose: () => void }) {
  const letter = usePetitionLetter(kind ? petitionId : undefined, kind);
  return (
    <Modal
      open={!!kind}
      title={kind ? petitionLetterKindLabels[kind] : ''}
      onCancel={onClose}
      width={860}
      rootClassName="letter-modal"
      footer={[
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
        <Button key="print" type="primary" icon={<PrinterOutlined />} disabled={!letter.data} onClick={() => window.print()}>
          打印
        </Button>,
      ]}
      destroyOnHidden
    >
      {letter.isError ? (
        <Alert type="error" showIcon title="无法生成文书" description={letter.error.message} />
      ) : letter.data ? (
        <PetitionLetter d={letter.data} />
      ) : (
        <Skeleton active paragraph={{ rows: 10 }} />
      )}
    </Modal>
  );
}
