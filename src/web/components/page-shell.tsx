// The frame of a page inside the app layout: title row with actions, then the content.
import { useEffect, type ReactNode } from 'react';
import { Flex, Typography } from 'antd';

type Props = { title: string; extra?: ReactNode; children: ReactNode; subtitle?: ReactNode; className?: string };

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · 戎家`;
  }, [title]);
}

export function PageShell({ title, extra, children, subtitle, className }: Props) {
  usePageTitle(title);
  return (
    <div className={className ? `page ${className}` : 'page'}>
      <Flex justify="space-between" align="center" wrap gap={8} className="page-head">
        <div>
          <Typography.Title level={4} className="page-title">
            {title}
          </Typography.Title>
          {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
        </div>
        {extra && <div className="page-extra no-print">{extra}</div>}
      </Flex>
      {children}
    </div>
  );
}
