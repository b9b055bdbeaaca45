import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { App } from './App';

describe('App shell', () => {
  it('renders the product name and the roles', () => {
    render(<App />);
    expect(screen.getByRole('heading', { name: 'BPO CRM Desktop' })).toBeTruthy();
    expect(screen.getByText(/BPO Agent, BPO Supervisor, BPO Manager/)).toBeTruthy();
  });
});
