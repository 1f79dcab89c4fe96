// Home: a welcome, the user's unit and a card for each module they can use. A village or grid
// worker on a phone gets the field home instead (what they owe today, find a person, 记录走访).
import { useNavigate } from 'react-router';
import { Card, Col, Grid, Row, Tag, Typography } from 'antd';
import { roleLabels } from '../../../shared/permissions';
import { orgLevelLabels } from '../../../shared/schemas/org-units';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { modulesFor } from '../../modules';
import { FieldHome, isFieldWorker } from './field-home';

function greeting(hour: number): string {
  if (hour < 6) return '夜深了';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

export function HomePage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  // before the first measurement every breakpoint is undefined: the desktop home
  const isPhone = Grid.useBreakpoint().md === false;
  if (isPhone && isFieldWorker(me)) return <FieldHome greeting={greeting(new Date().getHours())} />;
  const cards = modulesFor(me.permissions).filter((m) => m.description && m.path !== '/');
  return (
    <PageShell title="首页">
      <div className="panel" style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="welcome">
          {greeting(new Date().getHours())}，{me.displayName}
        </Typography.Title>
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          所在单位：<Typography.Text strong>{me.orgUnit.name}</Typography.Text>
          <Typography.Text type="secondary">
            （{orgLevelLabels[me.orgUnit.level]} · {me.orgUnit.code}）
          </Typography.Text>
        </Typography.Paragraph>
        <div>
          {me.roles.map((r) => (
            <Tag key={r} color="blue">
              {roleLabels[r]}
            </Tag>
          ))}
        </div>
      </div>
      <Row gutter={[16, 16]}>
        {cards.map((m) => (
          <Col key={m.key} xs={24} sm={12} lg={8} xl={6}>
            <Card hoverable className="home-card" onClick={() => navigate(m.path)} role="link" aria-label={m.label}>
              <span className="home-card-icon">{m.icon}</span>
              <div>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {m.label}
                </Typography.Text>
                <div className="muted" style={{ marginTop: 4 }}>
                  {m.description}
                </div>
              </div>
            </Card>
          </Col>
        ))}
      </Row>
    </PageShell>
  );
}
