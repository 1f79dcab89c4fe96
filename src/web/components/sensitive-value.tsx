// A sensitive value (ID number, phone, bank account, disability certificate, medical details):
// masked, with a 显示 button for users who may reveal it. The server audits each reveal; the clear
// value stays on screen for 30 seconds, then the mask returns.
import { useEffect, useState } from 'react';
import { Button, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { sensitiveFieldLabels, type SensitiveField } from '../../shared/schemas/recipients';
import { recipientApi } from '../api/recipients';
import { useCan } from './session';

export const REVEAL_SECONDS = 30;

type Props = {
  recipientId: string;
  field: SensitiveField;
  /** another audited reveal route for the same kind of value (a payee's account on a payable); default the recipient's */
  revealWith?: () => Promise<string | null>;
  /** what to show while masked; null/'' = nothing recorded */
  masked: string | null;
  /** multi-line text (medical details) */
  block?: boolean;
};

export function SensitiveValue({ recipientId, field, masked, block, revealWith }: Props) {
  const canReveal = useCan('sensitive:reveal');
  const [clear, setClear] = useState<string | null>(null);
  const [left, setLeft] = useState(0);
  const reveal = useMutation({
    mutationFn: async () => (revealWith ? await revealWith() : (await recipientApi.reveal(recipientId, field)).value),
    onSuccess: (value) => {
      setClear(value ?? '');
      setLeft(REVEAL_SECONDS);
    },
  });

  useEffect(() => {
    if (clear === null) return;
    const t = window.setInterval(() => {
      setLeft((n) => {
        if (n <= 1) {
          setClear(null);
          return 0;
        }
        return n - 1;
      });
    }, 1000);
    return () => window.clearInterval(t);
  }, [clear]);

  if (!masked) return <span className="muted">未填写</span>;
  const label = sensitiveFieldLabels[field];
  return (
    <span className={`sensitive-value${block ? ' sensitive-block' : ''}`} data-field={field}>
      {clear !== null ? (
        <>
          <Typography.Text className={block ? undefined : 'mono'} copyable={!block} data-testid={`revealed-${field}`}>
            {clear || '（空）'}
          </Typography.Text>
          <span className="muted sensitive-countdown no-print">{left} 秒后隐藏</span>
        </>
      ) : (
        <>
          <span className={block ? 'muted' : 'mono'}>{masked}</span>
          {canReveal && (
            <Button
              size="small"
              type="link"
              icon={<EyeOutlined />}
              loading={reveal.isPending}
              onClick={() => reveal.mutate()}
              aria-label={`显示${label}`}
              className="sensitive-reveal"
            >
              显示
            </Button>
          )}
        </>
      )}
    </span>
  );
}
