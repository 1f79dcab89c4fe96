import { useNavigate } from 'react-router';
import { Button, Result } from 'antd';
import { usePageTitle } from '../components/page-shell';

export function NotFoundPage() {
  const navigate = useNavigate();
  usePageTitle('页面不存在');
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移动。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}
